/** Word lists for realistic, deterministic titles and names. */
export const ADJECTIVES = [
  'Silent', 'Crimson', 'Hidden', 'Broken', 'Golden', 'Last', 'Distant', 'Wild', 'Frozen', 'Burning', 'Hollow',
  'Endless', 'Secret', 'Forgotten', 'Midnight', 'Electric', 'Lonely', 'Savage', 'Velvet', 'Iron', 'Paper',
  'Glass', 'Northern', 'Southern', 'Restless', 'Bitter', 'Brave', 'Quiet', 'Scarlet', 'Silver', 'Shattered',
  'Sleeping', 'Wandering', 'Infinite', 'Fading', 'Stolen', 'Twisted', 'Radiant', 'Dark', 'Little',
] as const;

export const NOUNS = [
  'Harbor', 'Empire', 'River', 'Garden', 'Machine', 'Kingdom', 'Frontier', 'Signal', 'Horizon', 'Witness',
  'Orchard', 'Lighthouse', 'Valley', 'Storm', 'Protocol', 'Circus', 'Mirror', 'Compass', 'Island', 'Letter',
  'Station', 'Desert', 'Voyage', 'Shadow', 'Castle', 'Highway', 'Country', 'Summer', 'Winter', 'Echo', 'Heist',
  'Promise', 'Alibi', 'Outpost', 'Canyon', 'Parade', 'Citadel', 'Reckoning', 'Dynasty', 'Rebellion', 'Detour',
  'Carnival', 'Labyrinth', 'Satellite', 'Monsoon', 'Requiem', 'Covenant', 'Paradox', 'Sanctuary', 'Tide',
  'Engine', 'Cartographer', 'Inheritance', 'Vendetta', 'Symphony', 'Archive', 'Meridian', 'Verdict', 'Ember',
  'Falcon',
] as const;

export const PLACES = [
  'Avalon', 'Marrakesh', 'the North', 'Blackwater', 'Saturn', 'Lisbon', 'Kyoto', 'Eldoria', 'the Deep', 'Havana',
  'Cairo', 'Elmwood', 'the Moon', 'Ravenholm', 'Patagonia', 'Brooklyn', 'Tangier', 'the Coast', 'Yukon', 'Berlin',
] as const;

export const FIRST_NAMES = [
  'Ada', 'Ben', 'Clara', 'Dev', 'Elena', 'Felix', 'Grace', 'Hugo', 'Iris', 'Jonah', 'Kira', 'Leo', 'Maya', 'Nico',
  'Olive', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tessa', 'Umar', 'Vera', 'Wes', 'Xena', 'Yusuf', 'Zoe', 'Anton',
  'Bianca', 'Caleb', 'Daria', 'Emil', 'Freya', 'Gabriel', 'Hana', 'Ivan', 'Julia', 'Kofi', 'Lena', 'Marco', 'Nadia',
] as const;

export const LAST_NAMES = [
  'Abbott', 'Becker', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hughes', 'Ivanova', 'Jensen',
  'Kowalski', 'Laurent', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Sato', 'Tanaka', 'Ueda',
  'Varga', 'Walsh', 'Xu', 'Young', 'Zimmer', 'Alvarez', 'Brennan', 'Chen', 'Delacroix', 'Engel', 'Farouk',
  'Goldberg', 'Haddad', 'Ito', 'Jovanovic', 'Khan', 'Lindqvist', 'Mendes', 'Novak',
] as const;

export const STUDIOS = [
  'Northlight Pictures', 'Red Harbor Films', 'Sixth Avenue Studios', 'Blue Meridian', 'Paper Crane Entertainment',
  'Atlas Road', 'Silver Fern Films', 'Lantern House', 'Granite Peak Pictures', 'Open Sky Media',
] as const;

export const NETWORKS = ['HBO', 'Netflix', 'BBC One', 'AMC', 'FX', 'Apple TV+', 'Prime Video', 'Channel 4', 'Hulu', 'ZDF'] as const;

export const COUNTRIES = [
  'United States of America', 'United Kingdom', 'France', 'Germany', 'Japan', 'Canada', 'South Korea', 'Spain',
  'Italy', 'Sweden',
] as const;

export const MOVIE_GENRES = [
  { id: 28, name: 'Action' }, { id: 12, name: 'Adventure' }, { id: 16, name: 'Animation' }, { id: 35, name: 'Comedy' },
  { id: 80, name: 'Crime' }, { id: 99, name: 'Documentary' }, { id: 18, name: 'Drama' }, { id: 10751, name: 'Family' },
  { id: 14, name: 'Fantasy' }, { id: 36, name: 'History' }, { id: 27, name: 'Horror' }, { id: 10402, name: 'Music' },
  { id: 9648, name: 'Mystery' }, { id: 10749, name: 'Romance' }, { id: 878, name: 'Science Fiction' },
  { id: 53, name: 'Thriller' }, { id: 10752, name: 'War' }, { id: 37, name: 'Western' },
] as const;

export const TV_GENRES = [
  { id: 10759, name: 'Action & Adventure' }, { id: 16, name: 'Animation' }, { id: 35, name: 'Comedy' },
  { id: 80, name: 'Crime' }, { id: 99, name: 'Documentary' }, { id: 18, name: 'Drama' }, { id: 10751, name: 'Family' },
  { id: 10762, name: 'Kids' }, { id: 9648, name: 'Mystery' }, { id: 10764, name: 'Reality' },
  { id: 10765, name: 'Sci-Fi & Fantasy' }, { id: 10768, name: 'War & Politics' },
] as const;

export const CONTENT_RATINGS = ['G', 'PG', 'PG-13', 'R', 'NR'] as const;
export const TV_RATINGS = ['TV-Y7', 'TV-PG', 'TV-14', 'TV-MA'] as const;

export const SENTENCE_OPENERS = [
  'When a', 'After a', 'Years after a', 'On the eve of a', 'In a town where a', 'Haunted by a',
] as const;
export const SENTENCE_SUBJECTS = [
  'retired detective', 'young cartographer', 'disgraced pilot', 'reluctant heir', 'small-town teacher',
  'rogue scientist', 'travelling musician', 'former spy', 'stubborn lighthouse keeper', 'runaway prince',
] as const;
export const SENTENCE_EVENTS = [
  'uncovers a secret that could change everything', 'must cross a continent to keep a promise',
  'is drawn into a conspiracy far larger than expected', 'finds an unlikely ally in an old rival',
  'races against time to save the people they love', 'learns that the past never stays buried',
] as const;
