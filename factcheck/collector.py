"""How often the garbage collector runs in a process that serves requests."""

import gc

# A page of 1,000 annotations builds about 100,000 objects that all live until the response
# is written. At Python's default (a young collection every 700 new objects) they were
# scanned again and again as they aged: a tenth of the page's time. At 50,000 a page sees a
# couple of young collections; garbage in cycles waits longer to be freed (23 MB more per
# process after 300 such pages, steady; bench/README, "The annotations list at 1,000").
SERVING_THRESHOLDS = (50_000, 20, 10)


def pace_for_serving() -> None:
    gc.set_threshold(*SERVING_THRESHOLDS)
