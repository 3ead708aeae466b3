"""A list model QML can bind to, fed with plain dicts by the view-models."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

_FIRST_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class DictListModel(QAbstractListModel):
    """Rows are dicts with a fixed set of keys; each key is a role of the same name in QML."""

    countChanged = Signal()

    def __init__(self, keys: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = keys
        self._rows: list[dict[str, Any]] = []

    def roleNames(self) -> dict[int, QByteArray]:
        return {_FIRST_ROLE + i: QByteArray(key.encode()) for i, key in enumerate(self._keys)}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key_index = role - _FIRST_ROLE
        if not 0 <= key_index < len(self._keys):
            return None
        return self._rows[index.row()].get(self._keys[key_index])

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()
        self.countChanged.emit()

    def update_row(self, row: int, **values: Any) -> None:
        self._rows[row].update(values)
        idx = self.index(row, 0)
        roles = [_FIRST_ROLE + self._keys.index(k) for k in values]
        self.dataChanged.emit(idx, idx, roles)

    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def find(self, key: str, value: Any) -> int:
        for i, row in enumerate(self._rows):
            if row.get(key) == value:
                return i
        return -1

    @Slot(int, result="QVariantMap")
    def get(self, row: int) -> dict[str, Any]:
        return dict(self._rows[row]) if 0 <= row < len(self._rows) else {}

    def _count(self) -> int:
        return len(self._rows)

    count = Property(int, _count, notify=countChanged)
