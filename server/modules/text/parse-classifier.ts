import { ZClassifierFile, CLASSIFIER_FORMAT, type ClassifierModel } from './classifier-model.ts';
import { TermTable } from './term-table.ts';

/** A typed array from base64, refusing a wrong length. */
function decode<T extends Float64Array | Float32Array>(text: string, make: (b: ArrayBuffer) => T, width: number, count: number, what: string): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== count * width) throw new Error(`${what} holds ${bytes.length / width} values, expected ${count}`);
  // Copy into a fresh, aligned buffer: Buffer slices may start at any byte.
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

/**
 * Reads a classifier model from the parsed JSON of its file, checking everything a wrong or
 * damaged file could get wrong (format marker, version, option values, array lengths), so that
 * `classifyText` never meets a half-valid model. Throws an Error saying what is wrong.
 */
export function parseClassifier(json: unknown): ClassifierModel {
  if (!json || typeof json !== 'object' || (json as { format?: unknown }).format !== CLASSIFIER_FORMAT) {
    throw new Error(`not a Jiceng text classifier model (no "format": "${CLASSIFIER_FORMAT}")`);
  }
  const parsed = ZClassifierFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid classifier model: ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  const f = parsed.data;
  const n = f.featureCount;
  const labelCount = f.labels.length;
  if (new Set(f.labels).size !== labelCount) throw new Error('invalid classifier model: repeated labels');
  if (f.weights.length !== labelCount || f.bias.length !== labelCount) throw new Error(`invalid classifier model: ${labelCount} labels but ${f.weights.length} weight rows and ${f.bias.length} biases`);
  const keys = decode(f.keys, (b) => new Float64Array(b), 8, n, 'keys');
  const idf = decode(f.idf, (b) => new Float32Array(b), 4, n, 'idf');
  const weights = f.weights.map((w, l) => decode(w, (b) => new Float32Array(b), 4, n, `weights of ${f.labels[l]}`));
  const table = new TermTable(n);
  const blockOf = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(keys[i]) || keys[i] < 0 || keys[i] >= 2 ** 53) throw new Error(`invalid classifier model: key ${i} is not a term key`);
    table.set(keys[i], i);
    blockOf[i] = keys[i] % 4;
  }
  return { options: f.options, labels: f.labels, table, keys, idf, blockOf, weights, bias: f.bias, temperature: f.temperature, trainedOn: f.trainedOn, extraExamples: f.extraExamples ?? 0 };
}
