"""The one error every write raises when it refuses for a reason the user can act on. Pages show `message` beside
the form field `field` names (or above the form); areas subclass it to say where a refusal came from."""


class ServiceError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
