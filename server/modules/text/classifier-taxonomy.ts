import type { LabelledText } from './classifier-model.ts';

/**
 * The source's category tree (CSV with a header and the columns level1, level2, level3, as in
 * label-taxonomy.csv) as short extra training examples for the classifier: one per level-3 name,
 * the name as its title and its level-2 group as its detail, labelled with its level-1 category.
 * They teach the linear models the category names the annotators filed by (电梯 under 特种设备管理
 * in 商贸旅游, 中介机构管理 …), which 932 messages only partly show. "其他" (other) names say
 * nothing and are left out (a level-2 "其他" is kept as the detail, as measured); so are rows
 * whose level-1 category is not among `labels`.
 */
export function taxonomyExamples(csv: string, labels: readonly string[]): LabelledText[] {
  const known = new Set(labels);
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim());
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim());
  const [c1, c2, c3] = ['level1', 'level2', 'level3'].map((h) => header.indexOf(h));
  if (c1 < 0 || c2 < 0 || c3 < 0) throw new Error('taxonomy CSV: the header must name level1, level2 and level3');
  const out: LabelledText[] = [];
  for (const line of lines) {
    const cells = line.split(',').map((c) => c.trim());
    const [label, group, name] = [cells[c1], cells[c2], cells[c3]];
    if (!label || !name || name === '其他' || !known.has(label)) continue;
    out.push({ title: name, detail: group ?? '', label });
  }
  return out;
}
