import { cleanText } from './normalize.ts';
import { extractPlaceNames, type PlaceNames } from './extract-place-names.ts';
import { parseMessageTime } from './parse-message-time.ts';
import type { SimilarityDoc } from './similarity-types.ts';

/** What the duplicate and topic features compare besides the text vector, computed once per message. */
export interface MessageProfile {
  /** Title and detail, cleaned (`cleanText`). */
  text: string;
  /** Places named anywhere in the message. */
  places: PlaceNames;
  /** The title, cleaned. */
  titleText: string;
  /** Places named in the title: what the message is about. */
  titlePlaces: PlaceNames;
  user: string | undefined;
  /** Posting time in ms since the epoch, or null. */
  time: number | null;
}

/** The profile of one message (cleaning, place names, time): cheap next to segmentation. */
export function profileMessage(doc: SimilarityDoc): MessageProfile {
  const text = cleanText(`${doc.title} ${doc.detail}`);
  const titleText = cleanText(doc.title);
  return {
    text,
    titleText,
    places: extractPlaceNames(text),
    titlePlaces: extractPlaceNames(titleText),
    user: doc.user || undefined,
    time: parseMessageTime(doc.time),
  };
}
