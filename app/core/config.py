"""Settings read once from the environment (and an optional .env file)."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SECRET = "demo-secret-change-me"  # noqa: S105 - refused outside demo mode


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'thidua.db'}",
        description="SQLAlchemy URL; postgresql://… uses psycopg 3.",
    )
    secret_key: str = DEFAULT_SECRET
    demo_mode: bool = False
    api_url: str = Field(default="", description="Remote API for the web layer; empty = in-process")
    # Sessions and access tokens (server-side, revocable).
    token_idle_minutes: int = 60
    token_absolute_hours: int = 12
    # Login throttling, stored in the database so every worker sees it. Failures count per
    # (username, client address) and per address; offices share one public address, so the
    # per-address allowance is wider.
    login_max_failures: int = 5
    login_address_max_failures: int = 50
    login_window_minutes: int = 15
    # Request bodies are bounded while they stream in, before authentication or parsing (413).
    max_json_bytes: int = 1024 * 1024
    max_upload_bytes: int = 5 * 1024 * 1024
    # Spreadsheets and CSV are checked against these before a cell is read (422).
    import_max_rows: int = 20_000
    import_max_columns: int = 64
    import_max_uncompressed_bytes: int = 50 * 1024 * 1024
    # Argon2 cost; tests lower it, production keeps the library defaults.
    argon2_time_cost: int = 3
    argon2_memory_cost: int = 65536
    db_pool_size: int = 40
    idempotency_hours: int = 24
    timezone: str = "Asia/Ho_Chi_Minh"

    @property
    def sqlalchemy_url(self) -> str:
        url = self.database_url
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url

    @property
    def is_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> "Settings":
        if not self.demo_mode and (self.secret_key == DEFAULT_SECRET or len(self.secret_key) < 32):
            raise ValueError(
                "SECRET_KEY must be set to a random value of at least 32 characters "
                "(only DEMO_MODE=true may run with the default)"
            )
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
