/**
 * The real server (src/main.ts) on a clock that starts at SERVER_NOW (epoch milliseconds) and
 * runs on at real speed: for tests whose data was written as of that instant (`npm run demo --
 * --now`), so what their pages show never depends on the hour or the day the suite runs.
 * Only the clock moves (the server reads it through Date.now); everything else is the server.
 */
const startAt = Number(process.env.SERVER_NOW);
if (!Number.isFinite(startAt)) throw new Error(`SERVER_NOW must be an instant in epoch milliseconds, not ${process.env.SERVER_NOW}`);
const realNow = Date.now.bind(Date);
const offset = startAt - realNow();
Date.now = () => realNow() + offset;

await import('../../src/main.js');
