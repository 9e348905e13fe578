"""Placeholder replaced by the web layer."""

from fastapi import FastAPI


def create_web(api: object) -> FastAPI:
    return FastAPI()
