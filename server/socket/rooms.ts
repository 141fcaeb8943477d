/** @module socket.io room names shared by the features that publish to dashboards. */

/** The `/host` room of one event: every dashboard watching it gets its ticks, markers, alerts and questions. */
export const eventRoom = (eventId: string): string => `event:${eventId}`;
