from django.urls import include, path

from . import claims, w3c

urlpatterns = [
    # Before claims/<pk>/, which would take "similar" for an id.
    path("", include("annotations.matching.urls")),
    path("claims/", claims.ClaimList.as_view(), name="api-claim-list"),
    path("claims/export/", claims.ClaimExport.as_view(), name="api-claim-export"),
    path("claims/<str:pk>/", claims.ClaimDetail.as_view(), name="api-claim-detail"),
    path("claims/<str:pk>/claimreview/", claims.ClaimReviewDetail.as_view(), name="api-claim-claimreview"),
    path("w3c/annotations/", w3c.AnnotationContainer.as_view(), name="w3c-annotation-list"),
    path("w3c/annotations/<str:pk>/", w3c.AnnotationDetail.as_view(), name="w3c-annotation-detail"),
]
