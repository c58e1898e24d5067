from rest_framework.routers import SimpleRouter

from annotations.ingest.api import urls as ingest_urls

from . import views

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("annotations", views.AnnotationViewSet, basename="annotation")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [*ingest_urls(), *router.urls]
