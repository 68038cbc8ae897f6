import { defaultClassifierOptions, type ClassifierModel, type ClassifierOptions, type LabelledText } from './classifier-model.ts';
import { extractTerms } from './extract-terms.ts';
import { trainClassifierOnTerms } from './train-classifier-on-terms.ts';

/**
 * Trains the message classifier: TF-IDF features (character and jieba word n-grams of title +
 * detail, and the title on its own), one-vs-rest linear SVMs, and a softmax temperature fitted
 * on held-out margins so that scores read as probabilities. `extra` are optional examples that
 * are not messages, such as the category tree's names (`taxonomyExamples`): they train the SVMs
 * but do not shape the vocabulary. Pure: no files, no database.
 */
export function trainClassifier(examples: readonly LabelledText[], options: Partial<ClassifierOptions> = {}, extra: readonly LabelledText[] = []): ClassifierModel {
  const opts: ClassifierOptions = { ...defaultClassifierOptions, ...options };
  const termLists = examples.map((e) => extractTerms(e.title, e.detail, opts));
  return trainClassifierOnTerms(
    termLists,
    examples.map((e) => e.label),
    opts,
    { termLists: extra.map((e) => extractTerms(e.title, e.detail, opts)), labels: extra.map((e) => e.label) },
  );
}
