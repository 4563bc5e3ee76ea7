/**
 * Browser mode entry (`npm run serve`, `node out/main/serve.js [--data-dir DIR] [--port N]`):
 * everything but the window, served to a browser on 127.0.0.1. Ctrl-C stops the workers and
 * closes the database cleanly.
 */
import { startBrowserMode } from './browserMode';

try {
  const mode = await startBrowserMode(process.argv.slice(2));
  const shutdown = (signal: string): void => {
    console.log(`${signal}: stopping Backprop Lab`);
    void mode.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (err) {
  console.error(`Backprop Lab could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
