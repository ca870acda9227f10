"""The service namespaces of ``Company`` (``co.customers``, ``co.jobs``, …), as classes.

Each attribute binds one service function to the company's transactions: a function
marked ``@reads`` runs in a read transaction, any other in one unit of work (a write
transaction that commits when it returns and reports what it changed). The bound call has
the service's own signature without its session — for ``help()``, completion and mypy
alike (``ParamSpec`` carries it) — so ``co.customers.add`` is typed as
``customers.add`` is, and nothing is written twice.

Imported when a namespace is first used, not when ``officemgr`` is: the services pull in
SQLAlchemy's ORM, which a window does not need to paint its first page.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from sqlalchemy.orm import Session

from officemgr.core.services import (
    accounts,
    callers,
    contact_log,
    contacts,
    customers,
    invoices,
    jobs,
    lists,
    merge,
    payments,
    popups,
    settings,
    tree,
)
from officemgr.core.services import job_work as job_work_service

if TYPE_CHECKING:
    from officemgr.company import Company

P = ParamSpec("P")
R = TypeVar("R")

__all__ = [
    "NAMESPACES",
    "Accounts",
    "ContactLog",
    "Contacts",
    "Customers",
    "Invoices",
    "Jobs",
    "Lists",
    "Namespace",
    "Payments",
    "Popups",
    "Service",
    "Settings",
    "Tree",
    "service",
]


class Service(Generic[P, R]):
    """A service function, bound to the company of the namespace it is read from."""

    def __init__(
        self, func: Callable[Concatenate[Session, P], R], *, backup_first: str | None = None
    ) -> None:
        self.func = func
        self.reads = bool(getattr(func, "officemgr_reads", False))
        self.backup_first = backup_first  # a backup's label: one is made before each call
        signature = inspect.signature(func)
        # The session is the company's to give: callers see the rest.
        self.signature = signature.replace(parameters=list(signature.parameters.values())[1:])
        self.name = func.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, namespace: None, owner: type) -> Service[P, R]: ...

    @overload
    def __get__(self, namespace: Namespace, owner: type) -> Callable[P, R]: ...

    def __get__(self, namespace: Namespace | None, owner: type) -> Any:
        if namespace is None:
            return self
        bound = namespace.__dict__.get(self.name)
        if bound is None:
            bound = namespace.__dict__[self.name] = self._bind(namespace.company)
        return bound

    def _bind(self, company: Company) -> Callable[P, R]:
        func, reads, backup_first = self.func, self.reads, self.backup_first

        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            if backup_first is not None:
                from officemgr.files import make_backup

                make_backup(company.location, label=backup_first)
            unit = company.read if reads else company.write
            with unit() as session:
                return func(session, *args, **kwargs)

        call.__name__ = call.__qualname__ = self.name
        call.__doc__ = func.__doc__
        call.__module__ = func.__module__
        call.__signature__ = self.signature  # type: ignore[attr-defined]
        return call


def service(
    func: Callable[Concatenate[Session, P], R], *, backup_first: str | None = None
) -> Service[P, R]:
    """``add = service(customers.add)``: the namespace's bound ``add``. With
    ``backup_first``, every call backs the company file up (with that label) first:
    for the changes that are hard to undo by hand, such as a merge."""
    return Service(func, backup_first=backup_first)


class Namespace:
    """A group of services of one company (``dir()`` lists exactly them)."""

    def __init__(self, company: Company) -> None:
        self.company = company

    def __dir__(self) -> list[str]:
        return sorted(
            name
            for klass in type(self).__mro__
            for name, value in vars(klass).items()
            if isinstance(value, Service)
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self.company!r}>"


class Customers(Namespace):
    """Customers: the top of the Customer:Job list."""

    add = service(customers.add)
    caller_cards = service(callers.cards)
    count = service(customers.count)
    delete = service(customers.delete)
    duplicate_pairs = service(merge.duplicate_pairs)
    find_duplicates = service(customers.find_duplicates)
    get = service(customers.get)
    merge = service(merge.merge, backup_first="before merge")
    new_defaults = service(customers.new_defaults)
    place_credit_hold = service(customers.place_credit_hold)
    release_credit_hold = service(customers.release_credit_hold)
    search = service(customers.search)
    set_active = service(customers.set_active)
    update = service(customers.update)


class Jobs(Namespace):
    """Jobs under customers (and sub-jobs), with their Job Info and Work Order."""

    add = service(jobs.add)
    get = service(jobs.get)
    move = service(jobs.move)
    new_defaults = service(jobs.new_defaults)
    set_status = service(jobs.set_status)
    update = service(jobs.update)
    # The Work Order: requested services, stops, inventory, estimate and final figures.
    add_figure_line = service(job_work_service.add_figure_line)
    add_inventory_item = service(job_work_service.add_inventory_item)
    add_service = service(job_work_service.add_service)
    add_stop = service(job_work_service.add_stop)
    estimate_from_services = service(job_work_service.estimate_from_services)
    figures = service(job_work_service.figures)
    final_from_estimate = service(job_work_service.final_from_estimate)
    inventory = service(job_work_service.inventory)
    remove_figure_line = service(job_work_service.remove_figure_line)
    remove_inventory_item = service(job_work_service.remove_inventory_item)
    remove_service = service(job_work_service.remove_service)
    remove_stop = service(job_work_service.remove_stop)
    reorder = service(job_work_service.reorder)
    services = service(job_work_service.services)
    set_estimate_type = service(job_work_service.set_estimate_type)
    stop_addresses = service(job_work_service.stop_addresses)
    stops = service(job_work_service.stops)
    update_figure_line = service(job_work_service.update_figure_line)
    update_inventory_item = service(job_work_service.update_inventory_item)
    update_service = service(job_work_service.update_service)
    update_stop = service(job_work_service.update_stop)


class Contacts(Namespace):
    """The extra contacts of a customer or job."""

    add = service(contacts.add)
    get = service(contacts.get)
    list_for = service(contacts.list_for)
    remove = service(contacts.remove)
    update = service(contacts.update)


class ContactLog(Namespace):
    """Calls, visits and notes: the contact log of customers and jobs."""

    add = service(contact_log.add)
    correct = service(contact_log.correct)
    get = service(contact_log.get)
    list_for = service(contact_log.list_for)
    revisions = service(contact_log.revisions)


class Settings(Namespace):
    """The office settings (one row per company)."""

    ensure_defaults = service(settings.ensure_defaults)
    get = service(settings.get)
    has_defaults = service(settings.has_defaults)
    update = service(settings.update)


class Lists(Namespace):
    """The office lists: types, terms, reps, tax codes, job types, custom fields, …"""

    add_custom_field = service(lists.add_custom_field)
    add_employee = service(lists.add_employee)
    add_item = service(lists.add_item)
    add_job_type = service(lists.add_job_type)
    all = service(lists.all)
    items = service(lists.items)
    rename_item = service(lists.rename_item)
    reorder_items = service(lists.reorder_items)
    set_item_active = service(lists.set_item_active)
    update_item = service(lists.update_item)


class Popups(Namespace):
    """Pop-up notes: warnings that come up by themselves."""

    acknowledge = service(popups.acknowledge)
    add = service(popups.add)
    due = service(popups.due)
    get = service(popups.get)
    list_for = service(popups.list_for)
    remove = service(popups.remove)
    update = service(popups.update)


class Tree(Namespace):
    """The Customer:Job list, a page at a time."""

    child_count = service(tree.child_count)
    children = service(tree.children)
    children_after = service(tree.children_after)
    children_around = service(tree.children_around)
    children_before = service(tree.children_before)
    count_between = service(tree.count_between)
    counts = service(tree.counts)
    locate = service(tree.locate)
    path_to = service(tree.path_to)
    position = service(tree.position)


class Invoices(Namespace):
    """Invoices: numbered, taxed, due by terms, voided but never deleted."""

    add = service(invoices.add)
    due_date_for = service(invoices.due_date_for)
    get = service(invoices.get)
    list_for = service(invoices.list_for)
    next_number = service(invoices.next_number)
    open_for = service(invoices.open_for)
    suggested_lines = service(invoices.suggested_lines)
    tax_for = service(invoices.tax_for)
    void = service(invoices.void)


class Payments(Namespace):
    """Payments received, applied to invoices or kept as credit."""

    add = service(payments.add)
    apply_credit = service(payments.apply_credit)
    get = service(payments.get)
    list_for = service(payments.list_for)
    void = service(payments.void)


class Accounts(Namespace):
    """The account of a customer or job: balances as of a date, the customer page."""

    balance = service(accounts.balance)
    credit_check = service(accounts.credit_check)
    record_override = service(accounts.record_override)
    summary = service(accounts.summary)


# Company attribute -> its namespace class (what ``co.<name>`` gives).
NAMESPACES: dict[str, type[Namespace]] = {
    "customers": Customers,
    "jobs": Jobs,
    "contacts": Contacts,
    "contact_log": ContactLog,
    "settings": Settings,
    "lists": Lists,
    "popups": Popups,
    "tree": Tree,
    "invoices": Invoices,
    "payments": Payments,
    "accounts": Accounts,
}
