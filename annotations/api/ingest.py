"""REST API for articles from the web: import, preview, revisions with diffs, refresh.

Thin: parse with a serializer, call the ingest services, present as the article API does.
"""

from contextlib import contextmanager

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from annotations import rules, selectors
from annotations.ingest import diffs, fetch, services
from annotations.ingest.fetch import decode
from annotations.ingest.models import ArticleRevision
from annotations.models import Article, http_url
from annotations.presenters import iso, username

from . import serializers as s
from .base import ApiViewSet, BoundedJSONParser, ErrorSerializer, answered_before_commit, error_responses
from .permissions import ArticlePermission

UPLOAD_SUFFIXES = (".html", ".htm", ".xhtml")


class BadGateway(exceptions.APIException):
    status_code = status.HTTP_502_BAD_GATEWAY
    default_detail = _("The page could not be fetched.")


class UnsupportedPage(exceptions.APIException):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_detail = _("The page is not HTML.")


class ImportSerializer(s.StrictSerializer):
    url = serializers.CharField(
        required=False, allow_blank=True, max_length=1000,
        help_text="The page to fetch; with html or file, only where the page lives.",
    )
    html = serializers.CharField(required=False, trim_whitespace=False, help_text="The page itself.")
    file = serializers.FileField(required=False, help_text="An .html/.htm page (multipart only).")

    def validate_url(self, value):
        if value:
            try:
                http_url(value)
            except Exception as error:
                raise serializers.ValidationError(_("Give an http or https URL.")) from error
        return value

    def validate(self, data):
        given = [name for name in ("html", "file") if name in data]
        if len(given) > 1:
            raise serializers.ValidationError({"html": _("Give the page as html or as a file, not both.")})
        if not given and not data.get("url"):
            raise serializers.ValidationError({"url": _("Give a url to fetch, or the page as html or file.")})
        upload = data.get("file")
        if upload is not None:
            if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
                raise serializers.ValidationError({"file": _("Upload an .html or .htm page.")})
            data["html"], _charset = decode(upload.read(fetch.MAX_BYTES + 1))
        if "html" in data and not data["html"].strip():
            raise serializers.ValidationError({"html": _("The page is empty.")})
        return data


class DuplicateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    may_refresh = serializers.BooleanField(
        help_text="Whether the caller may fetch the stored article again (POST its refresh/)."
    )


class PreviewSerializer(serializers.Serializer):
    title = serializers.CharField()
    byline = serializers.CharField(help_text="The authors, comma-separated.")
    authors = serializers.ListField(child=serializers.CharField())
    published_at = serializers.CharField(help_text="ISO 8601 date or date-time; empty if unknown.")
    publisher = serializers.CharField()
    url = serializers.CharField(help_text="The page's canonical when it declares one on the site it was "
                                          "fetched from (or said to live), else that address; normalized.")
    language = serializers.CharField()
    body = serializers.CharField()
    description = serializers.CharField()
    fetched_url = serializers.CharField(help_text="Where the page was fetched from, after redirects; "
                                                  "empty for a page given as html or a file.")
    duplicate = DuplicateSerializer(
        allow_null=True,
        help_text="The stored article this page is (same normalized or canonical URL, or the same "
                  "text): importing it would return that article. Null when the page is new.",
    )


class ImportedArticleSerializer(s.ArticleSerializer):
    duplicate = serializers.BooleanField(help_text="The page was stored already: this is that article.")

    class Meta(s.ArticleSerializer.Meta):
        fields = [*s.ArticleSerializer.Meta.fields, "duplicate"]
        read_only_fields = fields


class RevisionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    body_sha256 = serializers.CharField()
    origin = serializers.ChoiceField(choices=ArticleRevision.Origin.choices)
    created_at = serializers.DateTimeField()
    created_by = serializers.CharField(
        allow_null=True, help_text="Username of who made it; null for callers without a role.",
    )
    fetched_url = serializers.CharField(
        help_text="Where this body was fetched from, after redirects; empty for a page given as html or "
                  "a file, and for an edit.",
    )


class DiffRunSerializer(serializers.Serializer):
    op = serializers.ChoiceField(choices=["equal", "insert", "delete"])
    text = serializers.CharField()


class RevisionDetailSerializer(RevisionSerializer):
    body = serializers.CharField(
        allow_null=True, help_text="Null for those the article's body is hidden from (as in the article).",
    )
    diff = DiffRunSerializer(
        many=True, allow_null=True,
        help_text="The changes from the revision before, in order; null when the body is.",
    )


class RefreshSerializer(serializers.Serializer):
    changed = serializers.BooleanField()
    revision = serializers.IntegerField(help_text="The current revision number.")
    moved = serializers.ListField(child=serializers.IntegerField(), required=False)
    fuzzy = serializers.ListField(child=serializers.IntegerField(), required=False)
    orphaned = serializers.ListField(child=serializers.IntegerField(), required=False)


IMPORT_REQUEST = {"application/json": ImportSerializer, "multipart/form-data": ImportSerializer}
FETCH_ERRORS = {
    429: OpenApiResponse(ErrorSerializer, description="Too many pages are being fetched at once."),
    415: OpenApiResponse(ErrorSerializer, description="The page is not HTML; the type is named."),
    502: OpenApiResponse(ErrorSerializer, description="The page could not be fetched, and why."),
}


def revision_dict(revision: ArticleRevision, *, people: bool) -> dict:
    """Return the revision without its body; without `people` (for the public) no username."""
    return {
        "number": revision.number,
        "body_sha256": revision.body_sha256,
        "origin": revision.origin,
        "created_at": iso(revision.created_at),
        "created_by": username(revision.created_by) if people else None,
        "fetched_url": revision.fetched_url,
    }


def _busy(error: fetch.FetchBusy) -> exceptions.Throttled:
    return exceptions.Throttled(wait=settings.FACTCHECK_FETCH_SECONDS, detail=f"{str(error).capitalize()}.")


@contextmanager
def fetch_failures_answered():
    """Turn fetch failures inside the block into 400/415/429/502."""
    try:
        yield
    except fetch.FetchBusy as error:
        raise _busy(error) from None
    except (fetch.AddressNotAllowed, fetch.BadURL) as error:
        raise exceptions.ValidationError({"url": [str(error)]}) from None
    except fetch.UnsupportedContentType as error:
        raise UnsupportedPage(str(error)) from None
    except fetch.FetchError as error:
        raise BadGateway(_("The page could not be fetched: %(error)s.") % {"error": error}) from None


def _page(data, fetcher=None, user=None):
    """Return the extracted page (fetched when no html is given)."""
    with fetch_failures_answered():
        return services.page_preview(
            url=data.get("url", ""), html=data.get("html"), fetcher=fetcher, user=user,
        )


class ArticleIngestViewSet(ApiViewSet):
    """Articles from web pages: import, preview, revisions and refresh."""

    parser_classes = [BoundedJSONParser, MultiPartParser]
    permission_classes = [ArticlePermission]
    queryset = Article.objects.none()  # the schema's path parameters are article ids
    pagination_class = None  # revisions are listed whole
    fetcher = None  # tests and benches may put a fetcher of their own here

    def get_permissions(self):
        first = IsAuthenticated() if self.request.method == "POST" else IsAuthenticatedOrReadOnly()
        return [first, *super().get_permissions()]

    def _article(self, pk: int) -> Article:
        return get_object_or_404(selectors.article_list(user=self.request.user), pk=pk)

    def _present(self, article: Article, **extra) -> dict:
        return {**s.ArticleSerializer(self._article(article.pk)).data, **extra}

    @extend_schema(
        tags=["articles"], request=IMPORT_REQUEST,
        responses={
            201: ImportedArticleSerializer, 200: ImportedArticleSerializer,
            **error_responses(400, 401, 403, 413), **FETCH_ERRORS,
        },
    )
    def import_page(self, request):
        """Import a web page as an article: fetched from url, or given as html or an uploaded file."""
        serializer = ImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        page = _page(serializer.validated_data, self.fetcher, request.user)
        with answered_before_commit():
            article, duplicate = services.article_import(
                user=request.user, page=page, given_url=serializer.validated_data.get("url", ""),
            )
            code = status.HTTP_200_OK if duplicate else status.HTTP_201_CREATED
            return Response(self._present(article, duplicate=duplicate), status=code)

    @extend_schema(
        tags=["articles"], request=IMPORT_REQUEST,
        responses={200: PreviewSerializer, **error_responses(400, 401, 403, 413), **FETCH_ERRORS},
    )
    def preview(self, request):
        """Extract a page (fetched, given or uploaded) without storing it, for a person to check."""
        serializer = ImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        page = _page(serializer.validated_data, self.fetcher, request.user)
        # Said at extraction, not only when the import is refused at save.
        existing = services.find_duplicate(
            urls=[serializer.validated_data.get("url", ""), page.url], body=page.body,
        )
        duplicate = None
        if existing is not None:
            duplicate = {
                "id": existing.pk, "title": existing.title, "url": existing.url,
                "may_refresh": bool(existing.url) and rules.can_edit_articles(request.user),
            }
        return Response({**page.as_dict(), "duplicate": duplicate})

    @extend_schema(
        tags=["articles"], responses={200: RevisionSerializer(many=True), **error_responses(401, 403, 404)}
    )
    def revisions(self, request, pk=None):
        """Every body the article has had, oldest first (bodies in each revision's detail)."""
        article = self._article(pk)
        rows = (
            ArticleRevision.objects.filter(article=article).select_related("created_by").defer("body")
        )
        people = rules.can_read_drafts(request.user)
        return Response([revision_dict(revision, people=people) for revision in rows])

    @extend_schema(
        tags=["articles"], responses={200: RevisionDetailSerializer, **error_responses(401, 403, 404)}
    )
    def revision(self, request, pk=None, number=None):
        """One revision with its body and the changes from the revision before it."""
        article = self._article(pk)
        revisions = {
            r.number: r for r in ArticleRevision.objects.filter(
                article=article, number__in=[number - 1, number]
            ).select_related("created_by")
        }
        if number not in revisions:
            raise exceptions.NotFound(_("The article has no revision %(number)s.") % {"number": number})
        current = revisions[number]
        previous = revisions.get(number - 1)
        shown = revision_dict(current, people=rules.can_read_drafts(request.user))
        # The same rule as the article's body: its revisions and their changes are its text.
        if not rules.can_read_article_text(request.user):
            return Response({**shown, "body": None, "diff": None})
        return Response({
            **shown,
            "body": current.body,
            "diff": diffs.diff(previous.body if previous else "", current.body),
        })

    @extend_schema(
        tags=["articles"], request=None,
        responses={200: RefreshSerializer, **error_responses(400, 401, 403, 404), **FETCH_ERRORS},
    )
    def refresh(self, request, pk=None):
        """Fetch the article's URL again; a changed body becomes a revision and re-anchors."""
        article = self._article(pk)
        with fetch_failures_answered():
            changed, number, outcome = services.article_refresh(
                article=article, user=request.user, fetcher=self.fetcher
            )
        if not changed:
            return Response({"changed": False, "revision": number})
        return Response({
            "changed": True, "revision": number, "moved": outcome.moved, "fuzzy": outcome.fuzzy,
            "orphaned": outcome.orphaned,
        })

