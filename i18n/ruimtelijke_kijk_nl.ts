<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
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
    <name>MeasureStyle</name>
    <message>
        <location filename="../layers/style.py" line="107" />
        <source>fewer than {} — not shown</source>
        <translation>minder dan {} — niet getoond</translation>
    </message>
    <message>
        <location filename="../layers/style.py" line="107" />
        <source>not published by CBS</source>
        <translation>niet gepubliceerd door CBS</translation>
    </message>
    <message>
        <location filename="../layers/style.py" line="107" />
        <source>no data</source>
        <translation>geen gegevens</translation>
    </message>
</context>
<context>
    <name>RuimtelijkeKijkDock</name>
    <message>
        <location filename="../dialogs/dock.py" line="15" />
        <source>Ruimtelijke Kijk</source>
        <translation>Ruimtelijke Kijk</translation>
    </message>
    <message>
        <location filename="../dialogs/dock.py" line="19" />
        <source>Choose a policy question, tick the indicators and press Generate to get a protected postcode-6 map. Nothing about fewer than 5 households is shown.</source>
        <translation>Kies een beleidsvraag, vink de indicatoren aan en druk op Genereer voor een beschermde postcode-6-kaart. Niets over minder dan 5 huishoudens wordt getoond.</translation>
    </message>
</context>
<context>
    <name>RuimtelijkeKijkPlugin</name>
    <message>
        <location filename="../plugin.py" line="67" />
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
</TS>