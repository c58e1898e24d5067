"""REST API for background jobs: follow one, start a refresh or a list import."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from annotations import rules, selectors
from annotations.ingest import url_import
from annotations.jobs import presenters, tasks
from annotations.jobs import selectors as job_selectors
from annotations.jobs import services as jobs

from .base import ApiView, StrictSerializer, error_responses


class JobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    state = serializers.ChoiceField(choices=["queued", "running", "retrying", "succeeded", "failed"])
    done = serializers.IntegerField()
    total = serializers.IntegerField(help_text="0 until the job knows how much it has to do.")
    attempts = serializers.IntegerField()
    error = serializers.CharField(help_text="The last failure, empty if none.")
    result = serializers.DictField(help_text="What the job found or did, by kind.")
    started_by = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    next_attempt_at = serializers.DateTimeField(allow_null=True)


class UrlListSerializer(StrictSerializer):
    urls = serializers.ListField(
        child=serializers.CharField(max_length=1000, allow_blank=True), max_length=url_import.MAX_URLS,
        help_text="The addresses to import, one an item (blank items are skipped).",
    )


def _started(job) -> Response:
    job.refresh_from_db()
    return Response(presenters.job_dict(job), status=status.HTTP_202_ACCEPTED,
                    headers={"Location": f"/api/v1/jobs/{job.pk}/"})


class JobDetail(ApiView):
    """A job's state and progress, for whoever started it (and superusers)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["jobs"], responses={200: JobSerializer, **error_responses(401, 404)})
    def get(self, request, pk):
        job = job_selectors.job_for(user=request.user, pk=pk)
        if job is None:
            raise exceptions.NotFound(_("No such job of yours."))
        response = Response(presenters.job_dict(job))
        response["Cache-Control"] = "no-store"
        return response


class ArticleRefreshJob(ApiView):
    """Fetch an article again in the background (the Refresh button); follow the job."""

    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["jobs"], request=None,
                   responses={202: JobSerializer, **error_responses(400, 401, 403, 404)})
    def post(self, request, pk):
        article = get_object_or_404(selectors.article_list(user=request.user), pk=pk)
        if not rules.can_edit_articles(request.user):
            raise exceptions.PermissionDenied(_("You may not refresh articles."))
        if not article.url:
            raise exceptions.ValidationError({"url": [_("The article has no URL to fetch.")]})
        job = jobs.job_start(kind=tasks.REFRESH, params={"article": article.pk}, user=request.user,
                             key=f"refresh:{article.pk}")
        return _started(job)


class ArticleUrlImportJob(ApiView):
    """Import a list of addresses as articles in the background; follow the job's progress."""

    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["jobs"], request=UrlListSerializer,
                   responses={202: JobSerializer, **error_responses(400, 401, 403, 413)})
    def post(self, request):
        if not rules.can_manage_articles(request.user):
            raise exceptions.PermissionDenied(_("You may not add articles."))
        serializer = UrlListSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        urls = url_import.clean_urls(serializer.validated_data["urls"])
        if not urls:
            raise exceptions.ValidationError({"urls": [_("Give at least one address.")]})
        job = jobs.job_start(kind=tasks.URL_IMPORT, params={"urls": urls}, user=request.user)
        return _started(job)


