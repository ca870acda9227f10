"""Combo boxes of country codes (with names and calling codes) and currency codes.

Country names and currency names come from Qt's locale data (CLDR), in English; the
regions offered for phone numbers are exactly those ``phonenumbers`` supports.
"""

from __future__ import annotations

from functools import cache

import phonenumbers
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QComboBox, QCompleter


def country_name(code: str) -> str:
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyCountry:
        return code
    return QLocale.territoryToString(territory)


@cache
def countries() -> tuple[tuple[str, str], ...]:
    """(code, "United States (US)") for every country phonenumbers knows, by name."""
    rows = [(code, f"{country_name(code)} ({code})") for code in phonenumbers.SUPPORTED_REGIONS]
    return tuple(sorted(rows, key=lambda row: row[1].casefold()))


@cache
def phone_regions() -> tuple[tuple[str, str], ...]:
    """(code, "United States (US, +1)") for every region phonenumbers supports, by name."""
    rows = []
    for code in phonenumbers.SUPPORTED_REGIONS:
        calling = phonenumbers.country_code_for_region(code)
        rows.append((code, f"{country_name(code)} ({code}, +{calling})"))
    return tuple(sorted(rows, key=lambda row: row[1].casefold()))


@cache
def currencies() -> tuple[tuple[str, str], ...]:
    """(ISO code, "USD — US Dollar") for every currency Qt's locales use, by code.

    Names are English where Qt has an English locale using the currency, else native.
    """
    english: dict[str, str] = {}
    native: dict[str, str] = {}
    for locale in QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyCountry
    ):
        code = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
        if len(code) != 3:
            continue
        name = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyDisplayName)
        if locale.language() == QLocale.Language.English:
            english.setdefault(code, name)
        native.setdefault(code, name)
    return tuple((code, f"{code} — {english.get(code) or native[code]}") for code in sorted(native))


@cache
def number_locales() -> tuple[tuple[str, str], ...]:
    """(locale name, "German (Germany) — 1.234,56") for every language-and-country locale
    that both Qt and babel know, by name. Qt names them quickly; babel reads and writes the
    numbers (``core.numbers``)."""
    from babel.localedata import exists

    rows: dict[str, str] = {}
    for locale in QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyCountry
    ):
        name = locale.name()
        if "_" not in name or name in rows or not exists(name):
            continue
        language = QLocale.languageToString(locale.language())
        territory = QLocale.territoryToString(locale.territory())
        rows[name] = f"{language} ({territory}) — {locale.toString(1234.56, 'f', 2)}"
    return tuple(sorted(rows.items(), key=lambda row: row[1].casefold()))


def fill_codes(
    combo: QComboBox, items: tuple[tuple[str, str], ...], *, editable: bool = False
) -> None:
    """Offer ``items`` (code, text shown); the code is each item's data.

    With ``editable=True`` any code of the right shape may be typed (currencies change more
    often than Qt's data); typing part of a name offers the matches. Used on the plain
    QComboBox of a Designer form.
    """
    combo.clear()
    for code, text in items:
        combo.addItem(text, code)
    combo.setMaxVisibleItems(16)
    combo.setEditable(editable)
    if editable:
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)


def set_code(combo: QComboBox, code: str | None) -> None:
    """Choose ``code``; one that is not offered (an old value) is added, never changed."""
    code = (code or "").strip().upper()
    index = combo.findData(code)
    if index < 0 and code:
        combo.addItem(code, code)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def combo_code(combo: QComboBox) -> str:
    """The code chosen, or typed (its first word, in capitals)."""
    if combo.isEditable():
        text = combo.currentText().strip()
        index = combo.findText(text)
        if index >= 0:
            return str(combo.itemData(index))
        return text.split(" ", 1)[0].upper() if text else ""
    data = combo.currentData()
    return str(data) if data is not None else ""
