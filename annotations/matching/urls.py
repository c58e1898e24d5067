from django.urls import path

from annotations.api import known_claims as api

urlpatterns = [
    path("claims/similar/", api.SimilarClaims.as_view(), name="api-claim-similar"),
    path(
        "articles/<str:pk>/known-claims/", api.KnownClaimsInArticle.as_view(), name="api-article-known-claims"
    ),
    path("claimreviews/", api.ClaimReviewList.as_view(), name="api-claimreview-list"),
    path("claimreviews/import/", api.ClaimReviewImport.as_view(), name="api-claimreview-import"),
    path("claimreviews/<str:pk>/", api.ClaimReviewDetail.as_view(), name="api-claimreview-detail"),
]
