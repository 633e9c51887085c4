from . import routes as _routes
from .routes import *  # noqa: F403


class Provider(_routes.Provider):  # TEMPORARY shim
    def __init__(self, emulator):
        super().__init__(emulator)
        emulator.store.on_finish(self.name, self.on_finished)
        emulator.on_reset(getattr(self, "reset", lambda: None))
