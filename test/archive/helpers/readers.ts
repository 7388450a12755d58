// Independent readers of our containers: Info-ZIP's unzip, Python's zipfile and tarfile, and Java's
// ZipInputStream and ZipFile (the Java program is compiled into the test's scratch folder on first use).
// Each returns what it read, entry by entry, so a test compares contents, not just exit codes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ReadEntry {
  name: string;
  size: number;
  sha256: string;
}

/** `unzip -t`: exit status and output. */
export function unzipTest(zip: string): { ok: boolean; output: string } {
  const r = spawnSync('unzip', ['-t', zip], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

const PY_ZIP = `
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    out = [{"name": i.filename, "size": i.file_size, "sha256": hashlib.sha256(z.read(i)).hexdigest(),
            "time": list(i.date_time), "mode": i.external_attr >> 16, "method": i.compress_type,
            "flags": i.flag_bits, "offset": i.header_offset} for i in z.infolist()]
print(json.dumps({"bad": bad, "entries": out}))
`;

export interface PythonZipEntry extends ReadEntry {
  time: number[];
  mode: number;
  method: number;
  /** General purpose flags in the central directory. */
  flags: number;
  /** Offset of the local header. */
  offset: number;
}

/** Python's zipfile: `testzip` (CRC of every entry) and every entry read whole. */
export function pythonZip(zip: string): { bad: string | null; entries: PythonZipEntry[] } {
  return JSON.parse(execFileSync('python3', ['-c', PY_ZIP, zip], { encoding: 'utf8' })) as { bad: string | null; entries: PythonZipEntry[] };
}

const PY_TAR = `
import hashlib, json, sys, tarfile
with tarfile.open(sys.argv[1], "r:") as t:
    out = [{"name": m.name, "size": m.size, "sha256": hashlib.sha256(t.extractfile(m).read()).hexdigest(),
            "mtime": m.mtime, "mode": m.mode, "type": m.type.decode()} for m in t.getmembers()]
print(json.dumps(out))
`;

export interface PythonTarEntry extends ReadEntry {
  mtime: number;
  mode: number;
  type: string;
}

/** Python's tarfile, every member read whole. */
export const pythonTar = (tar: string): PythonTarEntry[] => JSON.parse(execFileSync('python3', ['-c', PY_TAR, tar], { encoding: 'utf8' })) as PythonTarEntry[];

const JAVA = `
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.*;

public class ReadZip {
  static String line(String how, ZipEntry e, InputStream in) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1 << 16];
    long n = 0;
    for (int r; (r = in.read(buf)) > 0; n += r) md.update(buf, 0, r);
    // The name in hex, so no console encoding can change it.
    String name = HexFormat.of().formatHex(e.getName().getBytes(StandardCharsets.UTF_8));
    return how + "\\t" + name + "\\t" + n + "\\t" + HexFormat.of().formatHex(md.digest());
  }
  public static void main(String[] args) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(new FileInputStream(args[0])))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) System.out.println(line("stream", e, in));
    }
    try (ZipFile z = new ZipFile(args[0])) {
      for (var it = z.entries(); it.hasMoreElements(); ) {
        ZipEntry e = it.nextElement();
        try (InputStream in = z.getInputStream(e)) { System.out.println(line("file", e, in)); }
      }
    }
  }
}
`;


/** Why the Java reader cannot run here, or undefined when it can. */
export function javaMissing(): string | undefined {
  for (const tool of ['javac', 'java']) {
    if (spawnSync(tool, ['-version'], { encoding: 'utf8' }).error) return `${tool} is not installed (Debian: default-jdk-headless)`;
  }
  return undefined;
}

/**
 * Java's ZipInputStream (reads local headers front to back, as e-Depot ingest tools built on Java
 * do) and ZipFile (reads the central directory): every entry read whole by each.
 */
export function javaZip(zip: string, scratch: string): { stream: ReadEntry[]; file: ReadEntry[] } {
  const dir = join(scratch, 'java');
  if (!existsSync(join(dir, 'ReadZip.class'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ReadZip.java'), JAVA);
    execFileSync('javac', ['-d', dir, join(dir, 'ReadZip.java')]);
  }
  const out = execFileSync('java', ['-cp', dir, 'ReadZip', zip], { encoding: 'utf8' });
  const result = { stream: [] as ReadEntry[], file: [] as ReadEntry[] };
  for (const line of out.trim().split('\n')) {
    const [how, name, size, sha256] = line.split('\t') as ['stream' | 'file', string, string, string];
    result[how].push({ name: Buffer.from(name, 'hex').toString('utf8'), size: Number(size), sha256 });
  }
  return result;
}
