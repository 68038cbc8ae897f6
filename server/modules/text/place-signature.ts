import { bigramPrefix } from './similarity-terms.ts';
import type { MessageProfile } from './profile-message.ts';
import { rareIdf } from './rare-idf.ts';
import type { SimilarityIndex } from './similarity-types.ts';

/**
 * The bigrams of a name that are rare in the index (`rareIdf`: they identify the place; commoner
 * ones such as 街道, 新城, 中心 name none).
 */
function rareBigrams(index: SimilarityIndex, name: string, floor: number): string[] {
  const rare: string[] = [];
  for (let i = 0; i + 1 < name.length; i++) {
    const gram = name.slice(i, i + 2);
    const id = index.vocabulary.get(bigramPrefix + gram);
    if ((id === undefined ? index.idfOfUnseen : index.idf[id]) >= floor) rare.push(gram);
  }
  return rare;
}

/** The parts of a profile that place comparison needs, resolved against one index. */
export interface PlaceSignature {
  /** Place keys with a rare bigram: they name one place. */
  rareKeys: Set<string>;
  /** Numbered districts of the title (a5区, a7县): "a市" is the whole city and conflicts with nothing. */
  titleDistricts: string[];
  /** Per title place name, its rare bigrams (names without any are left out). */
  titleNameGrams: string[][];
  text: string;
}

/** The place signature of a profile; computed once per message when many pairs are compared. */
export function placeSignature(profile: MessageProfile, index: SimilarityIndex): PlaceSignature {
  const floor = rareIdf(index);
  return {
    rareKeys: new Set([...profile.places.keys].filter((k) => rareBigrams(index, k, floor).length > 0)),
    titleDistricts: [...profile.titlePlaces.districts].filter((d) => /\d/.test(d)),
    titleNameGrams: profile.titlePlaces.names.map((n) => rareBigrams(index, n, floor)).filter((r) => r.length > 0),
    text: profile.text,
  };
}
