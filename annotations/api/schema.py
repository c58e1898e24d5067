"""OpenAPI generation details that drf-spectacular cannot infer from the views."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance

from .serializers import StrictSerializer


class StrictAutoSchema(AutoSchema):
    """Declare that request bodies take no fields beyond the documented ones (they are refused)."""

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and isinstance(force_instance(serializer), StrictSerializer):
            schema["additionalProperties"] = False
        return schema
