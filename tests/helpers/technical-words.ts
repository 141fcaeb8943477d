/**
 * @module Words that stay in Latin letters in the dashboard's Japanese: product and protocol names, units, metric
 * notation, file types. The unit test of the dictionaries and the e2e scan of the Japanese page share it.
 */
export const TECHNICAL_WORDS: ReadonlySet<string> = new Set(
  [
    'Kansoku KANSOKU_HOST_TOKEN KANSOKU_HOST_PASSWORD DISCORD_TOKEN host-token Sora Discord Web Chrome Edge Safari Firefox',
    'URL ID OS RTT ICE DTLS TLS TURN UDP TCP WebSocket API HTTP https POST JSON CSV Parquet PDF QR CPU Wi-Fi',
    'AV1 H.264 VP8 VP9 JB FPS kbps Mbps ms fps p p10 p50 p90 report.json pandas DuckDB Spark content EN',
    'discord.com api webhooks csv json parquet report',
  ]
    .join(' ')
    .split(' '),
);

/** The Latin words of a text (placeholders `{name}` left out). */
export const latinWords = (text: string): string[] =>
  text.replace(/\{\w+\}/g, ' ').match(/[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z]/g) ?? [];
