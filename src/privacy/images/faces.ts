import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type * as FaceApi from '@vladmandic/face-api';
import type { ImageFinding, ImageRegion } from './types.js';

/*
 * Face detection (portrait right, SPEC section 5), fully offline: @vladmandic/face-api's SSD MobileNet
 * v1 detector, whose weights ship inside the npm package, on TensorFlow.js's WASM backend, whose .wasm
 * files ship inside @tensorflow/tfjs-backend-wasm (pii.md 6.2). Detection only: the recognition and
 * landmark models are never loaded and no face descriptor is ever computed, so nothing here can
 * identify a person.
 */

export interface DetectedFace extends ImageRegion {
  score: number;
}

export interface FaceDetector {
  detect(bytes: Buffer): Promise<DetectedFace[]>;
}

export interface FaceDetectorOptions {
  /** Detections below this score are dropped (0.5 as verified in pii.md 6.2). */
  minConfidence?: number;
  /** Images are scaled down to this longest side first; the detector works at 512 px anyway. */
  maxSide?: number;
}

type Tf = typeof FaceApi.tf & { setBackend(name: string): Promise<boolean>; ready(): Promise<void> };

interface Loaded {
  faceapi: typeof FaceApi;
  tf: Tf;
}

let loading: Promise<Loaded> | undefined;

function load(): Promise<Loaded> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string, usePlatformFetch?: boolean): void };
    // Local .wasm files, never a CDN.
    wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as typeof FaceApi;
    const tf = faceapi.tf as Tf;
    await tf.setBackend('wasm');
    await tf.ready();
    const modelDir = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
    await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
    return { faceapi, tf };
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

export async function createFaceDetector(options: FaceDetectorOptions = {}): Promise<FaceDetector> {
  const { faceapi, tf } = await load();
  const minConfidence = options.minConfidence ?? 0.5;
  const maxSide = options.maxSide ?? 1024;
  return {
    async detect(bytes) {
      const { data, info } = await sharp(bytes, { failOn: 'error' })
        .rotate()
        .removeAlpha()
        .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const oriented = await sharp(bytes).rotate().metadata();
      const scale = (oriented.autoOrient?.width ?? info.width) / info.width;
      const tensor = tf.tensor3d(new Int32Array(data), [info.height, info.width, 3], 'int32');
      try {
        const detections = await faceapi.detectAllFaces(tensor as unknown as FaceApi.TNetInput, new faceapi.SsdMobilenetv1Options({ minConfidence, maxResults: 100 }));
        return detections.map((d) => ({
          x: Math.round(d.box.x * scale),
          y: Math.round(d.box.y * scale),
          w: Math.round(d.box.width * scale),
          h: Math.round(d.box.height * scale),
          score: Math.round(d.score * 1000) / 1000,
        }));
      } finally {
        tensor.dispose();
      }
    },
  };
}

/** Faces as findings for the privacy officer: a region to review, and blur in the public copy if decided. */
export function faceFindings(faces: DetectedFace[]): ImageFinding[] {
  return faces.map(({ score, ...region }) => ({ category: 'face', region, confidence: score, rule: 'face.ssd_mobilenet_v1', action: 'review' }));
}
