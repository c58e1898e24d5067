"""The live desk's WebSocket routes, mounted beside Django's HTTP in factcheck/asgi.py."""

from channels.routing import URLRouter
from django.urls import path

from .auth import LiveAuthMiddleware
from .consumers import ArticleSocket, DeskSocket

websocket_urlpatterns = [
    path("ws/live/articles/<int:pk>/", ArticleSocket.as_asgi()),
    path("ws/live/desk/", DeskSocket.as_asgi()),
]


def websocket_application():
    """Return the ASGI application of the sockets, with their users read from token or session."""
    return LiveAuthMiddleware(URLRouter(websocket_urlpatterns))
