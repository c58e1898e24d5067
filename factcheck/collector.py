"""How often the garbage collector runs in a process that serves requests."""

import gc

# A page of 1,000 annotations builds about 100,000 objects that all live until the response
# is written. At Python's default (a young collection every 700 new objects) they were
# scanned again and again as they aged, a sixth of the page's time; at 50,000 a page sees a
# couple of young collections. Garbage in cycles waits longer to be freed, which a serving
# process has the memory for (bench/README, "The annotations list at 1,000").
SERVING_THRESHOLDS = (50_000, 20, 10)


def pace_for_serving() -> None:
    gc.set_threshold(*SERVING_THRESHOLDS)
