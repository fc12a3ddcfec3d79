"""Text analysis shared by every rule: normalising, word lists, affixes."""

# Words remembered by each per-word cache on the screening path (normalising, affix stripping, word lists, the
# fact-check matcher's query side, the classifiers' n-gram ids), then forgotten. A feed keeps bringing words
# never seen before; bounded caches keep a process's memory flat however many it reads. Common words come back
# often enough to stay cached at this size.
WORD_CACHE = 50_000
