// A one-line progress bar on stderr, drawn only when stderr is a terminal (never into logs or
// pipes). Without a known total it shows the bytes so far.
export interface Progress {
  update(done: number): void;
  finish(): void;
}

const WIDTH = 30;
const silent: Progress = { update: () => undefined, finish: () => undefined };

export function progressBar(label: string, total: number | undefined, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return silent;
  let last = '';
  const draw = (done: number) => {
    let line: string;
    if (total && total > 0) {
      const ratio = Math.min(1, done / total);
      const filled = Math.round(ratio * WIDTH);
      line = `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${formatBytes(done)}/${formatBytes(total)}`;
    } else {
      line = done ? `${label} ${formatBytes(done)}` : `${label}…`;
    }
    if (line === last) return;
    last = line;
    stream.write(`\r\x1b[2K${line}`);
  };
  draw(0);
  return {
    update: draw,
    finish: () => {
      stream.write('\r\x1b[2K');
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

// Reads a fetch answer's body to the end, reporting progress against its content-length.
export async function readBody(response: Response, progress: Progress): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      received += chunk.length;
      progress.update(received);
    }
  }
  progress.finish();
  return Buffer.concat(chunks);
}
