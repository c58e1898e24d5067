from django.core.management.base import BaseCommand

from annotations.matching import services
from annotations.matching.models import ClaimReviewRecord
from annotations.models import Annotation, ReviewState

from ._progress import Progress


class Command(BaseCommand):
    help = "Recompute the known-claims index (verified claims and imported ClaimReviews) from scratch."

    def handle(self, *args, **options):
        total = (
            Annotation.objects.filter(review_state=ReviewState.VERIFIED).count()
            + ClaimReviewRecord.objects.count()
        )
        progress = Progress(self.stderr, total, label="reindex")
        done = services.reindex(progress=progress.update)
        progress.done()
        embedding = Progress(self.stderr, done, label="embed")
        services.known_claims_embed(progress=embedding.update)
        embedding.done()
        self.stdout.write(f"Indexed {done} known claims.")
