"""User presets: string and file round trips, overwrite protection, read-only built-ins."""
from __future__ import annotations

import json

import pytest

from ruimtelijke_kijk.presets.library import builtin_preset
from ruimtelijke_kijk.presets.model import Preset
from ruimtelijke_kijk.presets.schema import PresetFormatError
from ruimtelijke_kijk.presets.store import (
    BuiltinPresetError,
    DirectoryMapping,
    PresetExistsError,
    PresetStore,
    export_preset,
    import_preset,
    preset_from_json,
    preset_to_json,
)


@pytest.fixture
def mine() -> Preset:
    return builtin_preset("schulden").adapted(
        "schulden_eilandenbuurt",
        title={"nl": "Schulden Eilandenbuurt", "en": "Debt in the Eilandenbuurt"},
        selected=["laag_inkomen", "schuldhulp", "huurachterstand"],
    )


def test_adapted_preset_is_a_user_preset_based_on_the_builtin(mine):
    assert mine.kind == "eigen" and not mine.builtin
    assert mine.to_dict()["based_on"] == "schulden"
    assert mine.recipe.default_selection() == ("laag_inkomen", "schuldhulp", "huurachterstand")
    assert builtin_preset("schulden").recipe.measure("uitkering").default_selected  # unchanged


def test_adapting_a_parameter_changes_only_the_copy():
    base = builtin_preset("langer_thuiswonen")
    mine = base.adapted("ov_dichtbij", selections={"ov_halte_nabij": {"straal_km": 0.3}})
    assert mine.recipe.measure("ov_halte_nabij").selection == {"straal_km": 0.3}
    assert base.recipe.measure("ov_halte_nabij").selection == {"straal_km": 0.5}
    with pytest.raises(PresetFormatError, match="straal_km"):
        base.adapted("te_ver", selections={"ov_halte_nabij": {"straal_km": 99}})


def test_string_round_trip(mine):
    text = preset_to_json(mine)
    again = preset_from_json(text)
    assert again == mine and again.to_dict() == mine.to_dict()
    assert "Eilandenbuurt" in text  # UTF-8 text, not escaped


def test_file_round_trip_and_no_silent_overwrite(mine, tmp_path):
    path = export_preset(mine, tmp_path / "mijn.json")
    assert import_preset(path).to_dict() == mine.to_dict()
    other = mine.adapted("ander")
    with pytest.raises(PresetExistsError, match="overwrite=True"):
        export_preset(other, path)
    assert import_preset(path).id == mine.id  # the file is untouched
    export_preset(other, path, overwrite=True)
    assert import_preset(path).id == "ander"
    assert not list(tmp_path.glob("*.tmp"))


def test_store_refuses_overwrite_without_consent(mine):
    store = PresetStore()
    store.save(mine)
    changed = mine.adapted(mine.id, selected=["laag_inkomen"])
    with pytest.raises(PresetExistsError):
        store.save(changed)
    assert store.get(mine.id).recipe.default_selection() == (
        "laag_inkomen", "schuldhulp", "huurachterstand")
    store.save(changed, overwrite=True)
    assert store.get(mine.id).recipe.default_selection() == ("laag_inkomen",)


def test_builtins_are_read_only():
    store = PresetStore()
    builtin = store.get("veiligheid")
    assert builtin.builtin
    with pytest.raises(BuiltinPresetError):
        store.save(Preset.from_dict(builtin.to_dict()), overwrite=True)
    with pytest.raises(BuiltinPresetError):
        store.delete("veiligheid")
    doc = builtin.to_dict()
    doc["title"]["nl"] = "gewijzigd"
    assert store.get("veiligheid").title.nl != "gewijzigd"


def test_store_over_a_folder_and_import_export(mine, tmp_path):
    store = PresetStore(DirectoryMapping(tmp_path / "presets"))
    exported = tmp_path / "uit.json"
    PresetStore().export_file("eenzaamheid", exported)
    with pytest.raises(BuiltinPresetError):
        store.import_file(exported)  # a built-in's id cannot be taken by a user preset
    export_preset(mine, exported, overwrite=True)
    store.import_file(exported)
    assert store.user_ids() == [mine.id]
    assert PresetStore(DirectoryMapping(tmp_path / "presets")).get(mine.id) == mine
    with pytest.raises(PresetExistsError):
        store.import_file(exported)
    store.import_file(exported, overwrite=True)
    store.delete(mine.id)
    assert store.user_ids() == []


def test_broken_stored_text_is_refused_naming_the_preset(mine):
    backend = {}
    store = PresetStore(backend)
    store.save(mine)
    doc = json.loads(backend[mine.id])
    doc["recipe"]["display"]["measure"] = "weg"
    backend[mine.id] = json.dumps(doc)
    with pytest.raises(PresetFormatError) as err:
        store.get(mine.id)
    assert "preset 'schulden_eilandenbuurt'" in str(err.value)
    assert "recipe.display.measure: not a measure of this recipe: 'weg'" in err.value.problems
