import { CLASSIFIER_FORMAT, CLASSIFIER_VERSION, type ClassifierFile, type ClassifierModel } from './classifier-model.ts';

/** Base64 of a typed array's bytes (little-endian on every platform Node runs on). */
function base64(array: Float64Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** The model as the JSON text of its file (see `ZClassifierFile`). */
export function serializeClassifier(model: ClassifierModel, createdAt = new Date()): string {
  const file: ClassifierFile = {
    format: CLASSIFIER_FORMAT,
    version: CLASSIFIER_VERSION,
    createdAt: createdAt.toISOString(),
    trainedOn: model.trainedOn,
    ...(model.extraExamples ? { extraExamples: model.extraExamples } : {}),
    options: model.options,
    labels: model.labels,
    featureCount: model.keys.length,
    keys: base64(model.keys),
    idf: base64(model.idf),
    weights: model.weights.map(base64),
    bias: model.bias,
    temperature: model.temperature,
  };
  return JSON.stringify(file) + '\n';
}
