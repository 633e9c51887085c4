from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Cookie")


@_attrs_define
class Cookie:
    """A cookie set by the target (IR `Cookie`; every key is always present)."""

    key: str
    """ Cookie name. """
    path: str
    """ Cookie path. """
    value: str
    """ Cookie value. """
    domain: str
    """ Cookie domain. """
    secure: bool
    """ Secure flag. """
    comment: str
    """ Cookie comment (often empty). """
    expires: str
    """ Expiry date as sent by the target (free-form string). """
    max_age: str
    """ Max-Age attribute, as a string. """
    version: str
    """ Cookie version (often empty). """
    httponly: bool
    """ HttpOnly flag. """
    samesite: str
    """ SameSite attribute. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        path = self.path

        value = self.value

        domain = self.domain

        secure = self.secure

        comment = self.comment

        expires = self.expires

        max_age = self.max_age

        version = self.version

        httponly = self.httponly

        samesite = self.samesite

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "path": path,
                "value": value,
                "domain": domain,
                "secure": secure,
                "comment": comment,
                "expires": expires,
                "max-age": max_age,
                "version": version,
                "httponly": httponly,
                "samesite": samesite,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        path = d.pop("path")

        value = d.pop("value")

        domain = d.pop("domain")

        secure = d.pop("secure")

        comment = d.pop("comment")

        expires = d.pop("expires")

        max_age = d.pop("max-age")

        version = d.pop("version")

        httponly = d.pop("httponly")

        samesite = d.pop("samesite")

        cookie = cls(
            key=key,
            path=path,
            value=value,
            domain=domain,
            secure=secure,
            comment=comment,
            expires=expires,
            max_age=max_age,
            version=version,
            httponly=httponly,
            samesite=samesite,
        )

        cookie.additional_properties = d
        return cookie

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
