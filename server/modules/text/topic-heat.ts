/** What the heat of a topic is computed from. */
export interface TopicActivity {
  /** Messages in the topic. */
  size: number;
  /** Distinct accounts that posted them (the size when accounts are unknown). */
  users: number;
  /** Likes of all its messages. */
  likes: number;
  /** Posting times in ms (missing ones left out). */
  times: readonly number[];
}

const DAY = 86_400_000;

/**
 * Heat of a topic for 每月一题: people first (each distinct account counts 1, a re-post by the
 * same account 0.3), boosted up to 1.5× when the posts come in a burst (the share of them within
 * their busiest 30 days: a matter flaring up now beats one trickling over two years), plus the
 * likes on a log scale (a thousand likes weigh like 4.5 more citizens, not a thousand).
 */
export function topicHeat(activity: TopicActivity): number {
  const times = [...activity.times].sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j] - times[i] > 30 * DAY) i++;
    busiest = Math.max(busiest, j - i + 1);
  }
  const burst = times.length ? busiest / times.length : 0;
  const people = activity.users + 0.3 * (activity.size - activity.users);
  return Math.round((people * (1 + 0.5 * burst) + 1.5 * Math.log10(1 + activity.likes)) * 100) / 100;
}
