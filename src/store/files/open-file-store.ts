import { join } from 'node:path';
import { resolveSecret } from '../../secrets.js';
import type { Settings } from '../../settings.js';
import { DiskFileStore } from './disk-file-store.js';
import type { FileStore } from './file-store.js';

/** The file store the settings choose: `data/files` on disk, or a bucket on S3-compatible storage. */
export async function openConfiguredFileStore(choice: Settings['files'], dataDir: string): Promise<FileStore> {
  if (choice === 'disk') return new DiskFileStore(join(dataDir, 'files'));
  const s3 = choice.s3;
  const credentials = { accessKeyId: resolveSecret(s3.accessKeyId)!, secretAccessKey: resolveSecret(s3.secretAccessKey)! };
  // The AWS SDK is large: only a workspace on object storage loads it.
  const [{ S3Client }, { S3FileStore }] = await Promise.all([import('@aws-sdk/client-s3'), import('./s3-file-store.js')]);
  const client = new S3Client({
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    credentials,
    // The store sends its own SHA-256 with every upload and checks every read itself.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  // Incoming bytes are hashed in local scratch before they get their name.
  return new S3FileStore({ client, bucket: s3.bucket, prefix: s3.prefix, tmpDir: join(dataDir, 'files', 'tmp'), partBytes: s3.partMegabytes * 1024 * 1024 });
}
