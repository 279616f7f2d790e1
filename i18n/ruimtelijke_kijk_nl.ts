<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>AuditReleaseAlgorithm</name>
    <message>
        <location filename="../provider/audit_release.py" line="38" />
        <source>Audit protected releases</source>
        <translation>Beschermde releases controleren</translation>
    </message>
    <message>
        <location filename="../provider/audit_release.py" line="41" />
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <location filename="../provider/audit_release.py" line="47" />
        <source>For the data analyst: attacks written releases with an exact integer attacker that knows the releases of the same year, public CBS counts, the published rules and one insider, and checks them against the raw registrations. The report lists every sensitive quantity that can be pinned down; it never shows a value.</source>
        <translation>Voor de data-analist: valt geschreven releases aan met een exacte gehele-getallen-aanvaller die de releases van hetzelfde jaar, de openbare CBS-aantallen, de gepubliceerde regels en één insider kent, en toetst ze aan de ruwe registraties. Het rapport noemt elke gevoelige grootheid die vast te pinnen is; het toont nooit een waarde.</translation>
    </message>
    <message>
        <location filename="../provider/audit_release.py" line="55" />
        <source>Releases</source>
        <translation>Releases</translation>
    </message>
    <message>
        <location filename="../provider/audit_release.py" line="57" />
        <source>Household registrations</source>
        <translation>Huishoudregistraties</translation>
    </message>
    <message>
        <location filename="../provider/audit_release.py" line="60" />
        <source>CBS postcode-6 file</source>
        <translation>CBS postcode-6-bestand</translation>
    </message>
    <message>
        <location filename="../provider/audit_release.py" line="62" />
        <source>CBS wijk- en buurtkaart</source>
        <translation>CBS wijk- en buurtkaart</translation>
    </message>
    <message>
        <location filename="../provider/audit_release.py" line="64" />
        <source>Audit report</source>
        <translation>Controlerapport</translation>
    </message>
    <message>
        <location filename="../provider/audit_release.py" line="66" />
        <source>Passed</source>
        <translation>Geslaagd</translation>
    </message>
</context>
<context>
    <name>BackgroundBox</name>
    <message>
        <location filename="../dialogs/background_box.py" line="25" />
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <location filename="../dialogs/background_box.py" line="40" />
        <source>Ruimtelijke Kijk</source>
        <translation>Ruimtelijke Kijk</translation>
    </message>
    <message>
        <location filename="../dialogs/background_box.py" line="40" />
        <source>The service '{}' cannot be reached now (offline, or moved by its provider): {}</source>
        <translation>De dienst '{}' is nu niet bereikbaar (offline, of verplaatst door de aanbieder): {}</translation>
    </message>
</context>
<context>
    <name>BuildReleaseAlgorithm</name>
    <message>
        <location filename="../provider/build_release.py" line="47" />
        <source>Build protected release</source>
        <translation>Beschermde release maken</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="50" />
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="56" />
        <source>For the data analyst: turns one year of household registrations into a protected release (a GeoPackage of postcode-6 and area counts with their statuses, no raw values). Values below the threshold are suppressed, with the complement rule and secondary suppression; earlier releases form the ledger. An exact integer attacker audits the result and a release that fails is not written.</source>
        <translation>Voor de data-analist: maakt van een jaar huishoudregistraties een beschermde release (een GeoPackage met aantallen per postcode-6 en gebied en hun status, zonder ruwe waarden). Waarden onder de drempel worden onderdrukt, met de complementregel en secundaire onderdrukking; eerdere releases vormen het grootboek. Een exacte aanvaller met gehele getallen controleert het resultaat; een release die niet slaagt wordt niet geschreven.</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="65" />
        <source>Household registrations (CSV or XLSX)</source>
        <translation>Huishoudregistraties (CSV of XLSX)</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="67" />
        <source>Year</source>
        <translation>Jaar</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="70" />
        <source>CBS postcode-6 file of that year</source>
        <translation>CBS-postcode-6-bestand van dat jaar</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="72" />
        <source>CBS wijk- en buurtkaart of that year</source>
        <translation>CBS wijk- en buurtkaart van dat jaar</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="74" />
        <source>Threshold (at least 5)</source>
        <translation>Drempel (minstens 5)</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="77" />
        <source>Mode</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="77" />
        <source>Suppression</source>
        <translation>Onderdrukking</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="77" />
        <source>Cell key (perturbation)</source>
        <translation>Celsleutel (verstoring)</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="81" />
        <source>Statistics catalogue (JSON; default: built in)</source>
        <translation>Statistiekencatalogus (JSON; standaard: ingebouwd)</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="84" />
        <source>Earlier releases (ledger)</source>
        <translation>Eerdere releases (grootboek)</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="87" />
        <source>Secret key for cell-key mode (never stored)</source>
        <translation>Geheime sleutel voor de celsleutelmethode (wordt nooit opgeslagen)</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="89" />
        <source>Release</source>
        <translation>Release</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="91" />
        <source>Audit summary</source>
        <translation>Samenvatting van de audit</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="101" />
        <source>Cell-key mode needs a secret key.</source>
        <translation>De celsleutelmethode heeft een geheime sleutel nodig.</translation>
    </message>
    <message>
        <location filename="../provider/build_release.py" line="127" />
        <source>Cancelled: nothing was written.</source>
        <translation>Geannuleerd: er is niets geschreven.</translation>
    </message>
</context>
<context>
    <name>DisplayBox</name>
    <message>
        <location filename="../dialogs/display_box.py" line="23" />
        <source>Colours (choropleth)</source>
        <translation>Kleurvlakken (choropleet)</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="23" />
        <source>Proportional circles</source>
        <translation>Proportionele cirkels</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="23" />
        <source>Categories</source>
        <translation>Categorieën</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="28" />
        <source>Quantiles</source>
        <translation>Kwantielen</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="28" />
        <source>Natural breaks (Jenks)</source>
        <translation>Natuurlijke grenzen (Jenks)</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="28" />
        <source>Equal interval</source>
        <translation>Gelijke intervallen</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="28" />
        <source>Pretty breaks</source>
        <translation>Ronde grenzen</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="41" />
        <source>Show</source>
        <translation>Tonen</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="42" />
        <source>Map type</source>
        <translation>Kaarttype</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="43" />
        <source>Classification</source>
        <translation>Klassenindeling</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="44" />
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="45" />
        <source>Colour ramp</source>
        <translation>Kleurverloop</translation>
    </message>
    <message>
        <location filename="../dialogs/display_box.py" line="46" />
        <source>Opacity</source>
        <translation>Dekking</translation>
    </message>
</context>
<context>
    <name>GenerateDemoAlgorithm</name>
    <message>
        <location filename="../provider/generate_demo.py" line="33" />
        <source>Generate demo municipality</source>
        <translation>Demogemeente genereren</translation>
    </message>
    <message>
        <location filename="../provider/generate_demo.py" line="36" />
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../provider/generate_demo.py" line="42" />
        <source>Writes a synthetic municipality in the real file formats: CBS postcode-6 and wijk-buurt files for three years, household registrations, facilities and Leefbaarometer scores. All data is synthetic and labelled as such. The same seed always gives the same files.</source>
        <translation>Schrijft een synthetische gemeente in de echte bestandsformaten: CBS-postcode-6- en wijk- en buurtbestanden voor drie jaren, huishoudregistraties, voorzieningen en Leefbaarometerscores. Alle gegevens zijn synthetisch en als zodanig gelabeld. Dezelfde seed geeft altijd dezelfde bestanden.</translation>
    </message>
    <message>
        <location filename="../provider/generate_demo.py" line="50" />
        <source>Size</source>
        <translation>Omvang</translation>
    </message>
    <message>
        <location filename="../provider/generate_demo.py" line="55" />
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../provider/generate_demo.py" line="64" />
        <source>Output folder</source>
        <translation>Uitvoermap</translation>
    </message>
    <message>
        <location filename="../provider/generate_demo.py" line="83" />
        <source>Cancelled: nothing was written.</source>
        <translation>Geannuleerd: er is niets geschreven.</translation>
    </message>
</context>
<context>
    <name>IdentifyTool</name>
    <message>
        <location filename="../dialogs/identify_tool.py" line="61" />
        <source>{} (rank {} of {})</source>
        <translation>{} (plaats {} van {})</translation>
    </message>
    <message>
        <location filename="../dialogs/identify_tool.py" line="46" />
        <source>Neighbourhood</source>
        <translation>Buurt</translation>
    </message>
    <message>
        <location filename="../dialogs/identify_tool.py" line="47" />
        <source>District</source>
        <translation>Wijk</translation>
    </message>
</context>
<context>
    <name>IndicatorsBox</name>
    <message>
        <location filename="../dialogs/indicators_box.py" line="27" />
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../dialogs/indicators_box.py" line="27" />
        <source>Selection</source>
        <translation>Selectie</translation>
    </message>
</context>
<context>
    <name>PlaceSearch</name>
    <message>
        <location filename="../layers/place_search.py" line="65" />
        <source>The services list names no usable Locatieserver: {}</source>
        <translation>De dienstenlijst noemt geen bruikbare Locatieserver: {}</translation>
    </message>
    <message>
        <location filename="../layers/place_search.py" line="90" />
        <source>'{}' was found neither in the result layer nor at the PDOK Locatieserver.</source>
        <translation>'{}' is niet gevonden in de resultaatlaag en ook niet bij de PDOK Locatieserver.</translation>
    </message>
    <message>
        <location filename="../layers/place_search.py" line="95" />
        <source>The PDOK Locatieserver did not answer within {} seconds; try again later.</source>
        <translation>De PDOK Locatieserver antwoordde niet binnen {} seconden; probeer het later opnieuw.</translation>
    </message>
    <message>
        <location filename="../layers/place_search.py" line="98" />
        <source>The PDOK Locatieserver refused the search: {}</source>
        <translation>De PDOK Locatieserver weigerde de zoekopdracht: {}</translation>
    </message>
    <message>
        <location filename="../layers/place_search.py" line="100" />
        <source>The PDOK Locatieserver gave an answer that cannot be read: {}</source>
        <translation>De PDOK Locatieserver gaf een antwoord dat niet te lezen is: {}</translation>
    </message>
    <message>
        <location filename="../layers/place_search.py" line="102" />
        <source>'{}' is not in the result layer, and the PDOK Locatieserver cannot be reached now (offline?): {}</source>
        <translation>'{}' staat niet in de resultaatlaag en de PDOK Locatieserver is nu niet bereikbaar (offline?): {}</translation>
    </message>
    <message>
        <location filename="../layers/place_search.py" line="109" />
        <source>Cannot show {} in the map's coordinate system: {}</source>
        <translation>{} is niet te tonen in het coördinatenstelsel van de kaart: {}</translation>
    </message>
    <message>
        <location filename="../layers/place_search.py" line="112" />
        <source>Zoomed to {} (PDOK Locatieserver).</source>
        <translation>Ingezoomd op {} (PDOK Locatieserver).</translation>
    </message>
</context>
<context>
    <name>Praatplaat</name>
    <message>
        <location filename="../layouts/export.py" line="86" />
        <source>The export was cancelled.</source>
        <translation>Het exporteren is geannuleerd.</translation>
    </message>
    <message>
        <location filename="../layouts/export.py" line="83" />
        <source>Could not write the praatplaat to {}.</source>
        <translation>Kon de praatplaat niet schrijven naar {}.</translation>
    </message>
    <message>
        <location filename="../layouts/praatplaat.py" line="150" />
        <source>The question layer must be in the project to add its praatplaat.</source>
        <translation>De laag van de vraag moet in het project staan om de praatplaat toe te voegen.</translation>
    </message>
    <message>
        <location filename="../layouts/wording.py" line="40" />
        <source>Key figures</source>
        <translation>Kerncijfers</translation>
    </message>
    <message>
        <location filename="../layouts/wording.py" line="40" />
        <source>Legend</source>
        <translation>Legenda</translation>
    </message>
    <message>
        <location filename="../layouts/wording.py" line="40" />
        <source>Ranking of areas</source>
        <translation>Rangorde van gebieden</translation>
    </message>
    <message>
        <location filename="../layouts/wording.py" line="40" />
        <source>Area</source>
        <translation>Gebied</translation>
    </message>
    <message>
        <location filename="../layouts/wording.py" line="40" />
        <source>Neighbourhood</source>
        <translation>Buurt</translation>
    </message>
    <message>
        <location filename="../layouts/wording.py" line="40" />
        <source>District</source>
        <translation>Wijk</translation>
    </message>
    <message>
        <location filename="../layouts/wording.py" line="40" />
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <location filename="../layouts/wording.py" line="40" />
        <source>No areas to rank.</source>
        <translation>Geen gebieden om te rangschikken.</translation>
    </message>
    <message>
        <location filename="../layouts/wording.py" line="40" />
        <source>Sources and years</source>
        <translation>Bronnen en jaren</translation>
    </message>
    <message>
        <location filename="../layouts/wording.py" line="40" />
        <source>Privacy protection</source>
        <translation>Privacybescherming</translation>
    </message>
    <message>
        <location filename="../layouts/wording.py" line="40" />
        <source>Made with Ruimtelijke Kijk</source>
        <translation>Gemaakt met Ruimtelijke Kijk</translation>
    </message>
</context>
<context>
    <name>PraatplaatAlgorithm</name>
    <message>
        <location filename="../provider/praatplaat.py" line="48" />
        <source>Praatplaat (conversation map)</source>
        <translation>Praatplaat</translation>
    </message>
    <message>
        <location filename="../provider/praatplaat.py" line="51" />
        <source>Maps</source>
        <translation>Kaarten</translation>
    </message>
    <message>
        <location filename="../provider/praatplaat.py" line="57" />
        <source>Exports the one-page conversation map of a question for a meeting: the question as title, the protected postcode-6 map with its legend (including the privacy classes), key figures, the ten most affected areas, sources and years, the privacy note and the date. Writes a PDF and a PNG beside it.</source>
        <translation>Exporteert de praatplaat van een vraag voor het gesprek: de vraag als titel, de beschermde postcode-6-kaart met legenda (inclusief de privacyklassen), kerncijfers, de tien meest getroffen gebieden, bronnen en jaren, de privacytoelichting en de datum. Schrijft een PDF en een PNG ernaast.</translation>
    </message>
    <message>
        <location filename="../provider/praatplaat.py" line="65" />
        <source>Question</source>
        <translation>Vraag</translation>
    </message>
    <message>
        <location filename="../provider/praatplaat.py" line="68" />
        <source>Preset file (instead of the question)</source>
        <translation>Presetbestand (in plaats van de vraag)</translation>
    </message>
    <message>
        <location filename="../provider/praatplaat.py" line="71" />
        <source>Folder with sources</source>
        <translation>Map met bronnen</translation>
    </message>
    <message>
        <location filename="../provider/praatplaat.py" line="74" />
        <source>Year (0: the newest)</source>
        <translation>Jaar (0: het nieuwste)</translation>
    </message>
    <message>
        <location filename="../provider/praatplaat.py" line="77" />
        <source>Paper</source>
        <translation>Papierformaat</translation>
    </message>
    <message>
        <location filename="../provider/praatplaat.py" line="79" />
        <source>Praatplaat (PDF)</source>
        <translation>Praatplaat (PDF)</translation>
    </message>
    <message>
        <location filename="../provider/praatplaat.py" line="89" />
        <source>No release or CBS postcode-6 file found.</source>
        <translation>Geen release of CBS-postcode-6-bestand gevonden.</translation>
    </message>
    <message>
        <location filename="../provider/praatplaat.py" line="100" />
        <source>The question has no measure to map.</source>
        <translation>De vraag heeft geen maat om te tonen.</translation>
    </message>
    <message>
        <location filename="../provider/praatplaat.py" line="105" />
        <source>Cancelled: nothing was written.</source>
        <translation>Geannuleerd: er is niets geschreven.</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <location filename="../dialogs/question_box.py" line="53" />
        <source>Policy questions</source>
        <translation>Beleidsvragen</translation>
    </message>
    <message>
        <location filename="../dialogs/question_box.py" line="53" />
        <source>Information questions</source>
        <translation>Informatievragen</translation>
    </message>
    <message>
        <location filename="../dialogs/question_box.py" line="53" />
        <source>Own presets</source>
        <translation>Eigen presets</translation>
    </message>
    <message>
        <location filename="../dialogs/question_box.py" line="112" />
        <source>Protected release (municipal)</source>
        <translation>Beschermde release (gemeentelijk)</translation>
    </message>
    <message>
        <location filename="../dialogs/question_box.py" line="113" />
        <source>CBS postcode-6</source>
        <translation>CBS postcode-6</translation>
    </message>
    <message>
        <location filename="../dialogs/question_box.py" line="113" />
        <source>Facilities (points)</source>
        <translation>Voorzieningen (punten)</translation>
    </message>
    <message>
        <location filename="../dialogs/question_box.py" line="114" />
        <source>Leefbaarometer</source>
        <translation>Leefbaarometer</translation>
    </message>
    <message>
        <location filename="../dialogs/question_box.py" line="118" />
        <source>missing</source>
        <translation>ontbreekt</translation>
    </message>
    <message>
        <location filename="../dialogs/question_box.py" line="115" />
        <source>Needs</source>
        <translation>Nodig</translation>
    </message>
    <message>
        <location filename="../dialogs/question_box.py" line="124" />
        <source>Data (handbook)</source>
        <translation>Gegevens (handboek)</translation>
    </message>
    <message>
        <location filename="../dialogs/question_box.py" line="133" />
        <source>Possible interventions</source>
        <translation>Mogelijke interventies</translation>
    </message>
    <message>
        <location filename="../dialogs/question_box.py" line="139" />
        <source>Source</source>
        <translation>Bron</translation>
    </message>
</context>
<context>
    <name>QuestionLayerAlgorithm</name>
    <message>
        <location filename="../provider/question_layer.py" line="69" />
        <source>Question layer</source>
        <translation>Kaartlaag voor een vraag</translation>
    </message>
    <message>
        <location filename="../provider/question_layer.py" line="43" />
        <source>Maps</source>
        <translation>Kaarten</translation>
    </message>
    <message>
        <location filename="../provider/question_layer.py" line="49" />
        <source>Computes the measures of a policy or information question per postcode-6 from the sources in a folder (protected releases, CBS files, facilities, Leefbaarometer) and writes a styled GeoPackage layer. Municipal numbers come only from protected releases. A preset file (JSON) may replace the built-in question.</source>
        <translation>Berekent de maten van een beleids- of informatievraag per postcode-6 uit de bronnen in een map (beschermde releases, CBS-bestanden, voorzieningen, Leefbaarometer) en schrijft een opgemaakte GeoPackage-laag. Gemeentelijke aantallen komen alleen uit beschermde releases. Een presetbestand (JSON) kan de ingebouwde vraag vervangen.</translation>
    </message>
    <message>
        <location filename="../provider/question_layer.py" line="58" />
        <source>Question</source>
        <translation>Vraag</translation>
    </message>
    <message>
        <location filename="../provider/question_layer.py" line="60" />
        <source>Preset file (instead of the question)</source>
        <translation>Presetbestand (in plaats van de vraag)</translation>
    </message>
    <message>
        <location filename="../provider/question_layer.py" line="63" />
        <source>Folder with sources</source>
        <translation>Map met bronnen</translation>
    </message>
    <message>
        <location filename="../provider/question_layer.py" line="66" />
        <source>Year (0: the newest)</source>
        <translation>Jaar (0: het nieuwste)</translation>
    </message>
    <message>
        <location filename="../provider/question_layer.py" line="84" />
        <source>No release or CBS postcode-6 file found.</source>
        <translation>Geen release of CBS-postcode-6-bestand gevonden.</translation>
    </message>
    <message>
        <location filename="../provider/question_layer.py" line="96" />
        <source>Cancelled: nothing was written.</source>
        <translation>Geannuleerd: er is niets geschreven.</translation>
    </message>
</context>
<context>
    <name>QuestionResult</name>
    <message>
        <location filename="../layers/result.py" line="27" />
        <source>Municipal data only from protected releases: nothing about fewer than {} households is shown or can be derived (suppression, complement rule, secondary suppression, audited).</source>
        <translation>Gemeentelijke gegevens alleen uit beschermde releases: niets over minder dan {} huishoudens wordt getoond of is af te leiden (onderdrukking, complementregel, secundaire onderdrukking, geauditeerd).</translation>
    </message>
    <message>
        <location filename="../layers/result.py" line="33" />
        <source>Release fingerprints: {}</source>
        <translation>Vingerafdrukken van de releases: {}</translation>
    </message>
    <message>
        <location filename="../layers/result.py" line="45" />
        <source>Made on {}</source>
        <translation>Gemaakt op {}</translation>
    </message>
</context>
<context>
    <name>ResultBox</name>
    <message>
        <location filename="../dialogs/result_box.py" line="20" />
        <source>Identify postcode</source>
        <translation>Postcode bekijken</translation>
    </message>
    <message>
        <location filename="../dialogs/result_box.py" line="22" />
        <source>Praatplaat (PDF)…</source>
        <translation>Praatplaat (PDF)…</translation>
    </message>
    <message>
        <location filename="../dialogs/result_box.py" line="23" />
        <source>Save as preset…</source>
        <translation>Opslaan als preset…</translation>
    </message>
    <message>
        <location filename="../dialogs/result_box.py" line="18" />
        <source>Zoom to postcode or address, e.g. 1234 AB</source>
        <translation>Zoom naar postcode of adres, bijv. 1234 AB</translation>
    </message>
</context>
<context>
    <name>RuimtelijkeKijkDock</name>
    <message>
        <location filename="../dialogs/dock.py" line="260" />
        <source>Ruimtelijke Kijk</source>
        <translation>Ruimtelijke Kijk</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="60" />
        <source>Choose a policy question, tick the indicators and press Generate to get a protected postcode-6 map. Nothing about fewer than 5 households is shown.</source>
        <translation>Kies een beleidsvraag, vink de indicatoren aan en druk op Genereer voor een beschermde postcode-6-kaart. Niets over minder dan 5 huishoudens wordt getoond.</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="72" />
        <source>1. Sources</source>
        <translation>1. Bronnen</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="72" />
        <source>2. Question</source>
        <translation>2. Vraag</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="72" />
        <source>3. Indicators</source>
        <translation>3. Indicatoren</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="72" />
        <source>4. Display</source>
        <translation>4. Weergave</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="81" />
        <source>Generate</source>
        <translation>Genereer</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="83" />
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="96" />
        <source>5. Result</source>
        <translation>5. Resultaat</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="162" />
        <source>Load a CBS postcode-6 file first: the map needs its areas.</source>
        <translation>Laad eerst een CBS-postcode-6-bestand: de kaart heeft de gebieden nodig.</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="172" />
        <source>Working…</source>
        <translation>Bezig…</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="195" />
        <source>Ready: {} postcode areas, years {}.</source>
        <translation>Klaar: {} postcodegebieden, jaren {}.</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="199" />
        <source>Not available:</source>
        <translation>Niet beschikbaar:</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="208" />
        <source>Failed: {}</source>
        <translation>Mislukt: {}</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="209" />
        <source>Generating failed: {}</source>
        <translation>Genereren mislukt: {}</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="212" />
        <source>Cancelled: nothing was added.</source>
        <translation>Geannuleerd: er is niets toegevoegd.</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="232" />
        <source>Praatplaat saved: {}</source>
        <translation>Praatplaat opgeslagen: {}</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="248" />
        <source>Save as preset</source>
        <translation>Opslaan als preset</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="238" />
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="248" />
        <source>A preset with this name exists. Replace it?</source>
        <translation>Er bestaat al een preset met deze naam. Vervangen?</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="97" />
        <source>Background maps (PDOK)</source>
        <translation>Achtergrondkaarten (PDOK)</translation>
    </message>
</context>
<context>
    <name>RuimtelijkeKijkPlugin</name>
    <message>
        <location filename="../plugin.py" line="68" />
        <source>Ruimtelijke Kijk</source>
        <translation>Ruimtelijke Kijk</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="42" />
        <source>Show or hide the Ruimtelijke Kijk panel</source>
        <translation>Het paneel Ruimtelijke Kijk tonen of verbergen</translation>
    </message>
</context>
<context>
    <name>RuimtelijkeKijkProvider</name>
    <message>
        <location filename="../provider/provider.py" line="18" />
        <source>Ruimtelijke Kijk</source>
        <translation>Ruimtelijke Kijk</translation>
    </message>
</context>
<context>
    <name>SourcesBox</name>
    <message>
        <location filename="../dialogs/sources_box.py" line="30" />
        <source>Source</source>
        <translation>Bron</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="30" />
        <source>Years / file</source>
        <translation>Jaren / bestand</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="35" />
        <source>Add folder…</source>
        <translation>Map toevoegen…</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="37" />
        <source>Add file…</source>
        <translation>Bestand toevoegen…</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="39" />
        <source>From project</source>
        <translation>Uit project</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="91" />
        <source>Folder with sources</source>
        <translation>Map met bronnen</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="96" />
        <source>Source file</source>
        <translation>Bronbestand</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="96" />
        <source>Sources (*.gpkg *.shp *.csv *.xlsx *.geojson *.json)</source>
        <translation>Bronnen (*.gpkg *.shp *.csv *.xlsx *.geojson *.json)</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="105" />
        <source>Protected releases</source>
        <translation>Beschermde releases</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="105" />
        <source>CBS postcode-6</source>
        <translation>CBS postcode-6</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="105" />
        <source>CBS postcode-4</source>
        <translation>CBS postcode-4</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="105" />
        <source>CBS wijk- en buurtkaart</source>
        <translation>CBS wijk- en buurtkaart</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="105" />
        <source>Leefbaarometer</source>
        <translation>Leefbaarometer</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="119" />
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="119" />
        <source>Facilities (points)</source>
        <translation>Voorzieningen (punten)</translation>
    </message>
    <message>
        <location filename="../dialogs/sources_box.py" line="124" />
        <source>Not used</source>
        <translation>Niet gebruikt</translation>
    </message>
</context>
<context>
    <name>StatusLabel</name>
    <message>
        <location filename="../layers/status_classes.py" line="55" />
        <source>fewer than {} — not shown</source>
        <translation>minder dan {} — niet getoond</translation>
    </message>
    <message>
        <location filename="../layers/status_classes.py" line="58" />
        <source>all but fewer than {} — not shown</source>
        <translation>op minder dan {} na allemaal — niet getoond</translation>
    </message>
    <message>
        <location filename="../layers/status_classes.py" line="61" />
        <source>protects another figure — not shown</source>
        <translation>beschermt een ander cijfer — niet getoond</translation>
    </message>
    <message>
        <location filename="../layers/status_classes.py" line="67" />
        <source>small area or count hidden — not shown</source>
        <translation>klein gebied of aantal verborgen — niet getoond</translation>
    </message>
    <message>
        <location filename="../layers/status_classes.py" line="63" />
        <source>not published by CBS</source>
        <translation>niet gepubliceerd door CBS</translation>
    </message>
    <message>
        <location filename="../layers/status_classes.py" line="64" />
        <source>no data</source>
        <translation>geen gegevens</translation>
    </message>
</context>
</TS>