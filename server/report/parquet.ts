/**
 * @module Parquet for exports (hyparquet-writer, pure JavaScript): the same typed columns and page readers as the CSV,
 * one row group per page, each written to the response as soon as it is encoded — one page in memory at a time.
 * Text is UTF-8, numbers DOUBLE, flags BOOLEAN, all nullable; SNAPPY-compressed.
 */
import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { Cell } from './csv.ts';
import type { ColumnType, ExportSpec } from './export-pages.ts';

const ELEMENT: Record<ColumnType, Omit<SchemaElement, 'name'>> = {
  text: { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  number: { type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  boolean: { type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
};

function value(cell: Cell, type: ColumnType): string | number | boolean | null {
  if (cell === null || cell === undefined) return null;
  if (type === 'number') return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
  if (type === 'boolean') return typeof cell === 'boolean' ? cell : null;
  return String(cell);
}

/** The bytes encoded since the last call (the writer's offsets keep counting from the start of the file). */
function drain(writer: ByteWriter): Uint8Array {
  const bytes = new Uint8Array(writer.buffer, 0, writer.index).slice();
  writer.index = 0;
  return bytes;
}

export function parquetStream(spec: ExportSpec): ReadableStream<Uint8Array> {
  const writer = new ByteWriter();
  const parquet = new ParquetWriter({
    writer,
    schema: [
      { name: 'root', num_children: spec.columns.length },
      ...spec.columns.map((c): SchemaElement => ({ name: c.name, ...ELEMENT[c.type] })),
    ],
    createdBy: 'kansoku',
  });
  let cursor: string | number | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const page = await spec.read(cursor);
        if (page.rows.length > 0) {
          const columnData = spec.columns.map((c, i) => ({
            name: c.name,
            data: page.rows.map((row) => value(row[i], c.type)),
          }));
          await parquet.write({ columnData, rowGroupSize: page.rows.length });
          controller.enqueue(drain(writer));
        }
        if (page.next === undefined || page.rows.length === 0) {
          parquet.finish();
          controller.enqueue(drain(writer));
          controller.close();
        } else {
          cursor = page.next;
        }
      },
    },
    { highWaterMark: 1 },
  );
}
