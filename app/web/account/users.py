"""Administrators: user accounts of their scope (list, create, deactivate, reset password)."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.api_models import Me, User
from app.web.client import Api, ApiError
from app.web.deps import AdminUser, ApiDep
from app.web.error_pages import redirect
from app.web.forms import FormResult, checked, posted_version, read_form, refused
from app.web.i18n import N_, gettext
from app.web.paging import Paging
from app.web.templating import render, wants_fragment
from app.web.units.options import unit_options

router = APIRouter(prefix="/admin/users")
PAGE_SIZE = 25
USER_FIELDS = ("username", "full_name", "role", "unit_id", "password")
STALE = N_(
    "Someone else changed this account while you were looking at it. Reload the page and try again."
)


@router.get("")
async def users_list(request: Request, api: ApiDep, _me: AdminUser) -> Response:
    q = request.query_params.get("q", "").strip()[:64]
    paging = Paging.from_request(request, PAGE_SIZE)
    found = await api.users(q=q or None, limit=paging.size, offset=paging.offset)
    context = {"q": q, "users": found.items, "paging": paging.with_total(found.total)}
    return render(request, "account/users.html", context, block="results")


async def _new_user_page(
    request: Request, api: Api, form: FormResult, status: int = 200
) -> Response:
    units = await api.all_units(external=False)
    context = {"form": form, "unit_options": unit_options(units, internal_only=True)}
    return render(request, "account/user_new.html", context, block="user_form", status=status)


@router.get("/new")
async def new_user(request: Request, api: ApiDep, me: AdminUser) -> Response:
    form = FormResult(values={"role": "reporter", "unit_id": str(me.unit.id)})
    return await _new_user_page(request, api, form)


@router.post("/new")
async def create_user(request: Request, api: ApiDep, _me: AdminUser) -> Response:
    values = await read_form(request)
    data = {k: values.get(k, "") for k in ("username", "full_name", "role", "password")}
    if values.get("unit_id"):
        data["unit_id"] = values["unit_id"]
    try:
        user = await api.create_user(data)
    except ApiError as error:
        if error.status != 422:
            raise
        form = FormResult(values={k: v for k, v in values.items() if k != "password"})
        form.add_api_error(error, USER_FIELDS)
        return await _new_user_page(request, api, form, status=422)
    return redirect(request, f"/admin/users/{user.id}?created=1")


def _user_page(
    request: Request,
    user: User,
    me: Me,
    *,
    block: str | None = None,
    status_form: FormResult | None = None,
    password_form: FormResult | None = None,
    status: int = 200,
    reset: bool = False,
) -> Response:
    context = {
        "user": user,
        "is_self": user.id == me.id,
        "status_form": status_form or FormResult(),
        "password_form": password_form or FormResult(),
        "created": request.query_params.get("created") == "1",
        "reset": reset or request.query_params.get("reset") == "1",
    }
    return render(request, "account/user.html", context, block=block, status=status)


@router.get("/{user_id}")
async def user_page(request: Request, user_id: int, api: ApiDep, me: AdminUser) -> Response:
    return _user_page(request, await api.user(user_id), me)


@router.post("/{user_id}/active")
async def set_active(request: Request, user_id: int, api: ApiDep, me: AdminUser) -> Response:
    values = await read_form(request)
    version = posted_version(values)
    try:
        user = await api.update_user(user_id, {"is_active": checked(values, "active")}, version)
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        form = refused(error, {}, (), stale=gettext(STALE))
        user = await api.user(user_id)
        return _user_page(request, user, me, block="status", status_form=form, status=error.status)
    if not wants_fragment(request):
        return redirect(request, f"/admin/users/{user_id}")
    return _user_page(request, user, me, block="status")


@router.post("/{user_id}/password")
async def reset_password(request: Request, user_id: int, api: ApiDep, me: AdminUser) -> Response:
    values = await read_form(request)
    form = FormResult()
    if values.get("password", "") != values.get("password_confirm", ""):
        form.errors["password_confirm"] = gettext("The two passwords are not the same")
    else:
        try:
            await api.reset_password(user_id, values.get("password", ""))
        except ApiError as error:
            if error.status != 422:
                raise
            form.add_api_error(error, ("password",))
    user = await api.user(user_id)
    if form.invalid:
        return _user_page(request, user, me, block="password", password_form=form, status=422)
    if not wants_fragment(request):
        return redirect(request, f"/admin/users/{user_id}?reset=1")
    return _user_page(request, user, me, block="password", reset=True)
