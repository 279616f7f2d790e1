"""The data analyst's side: from registration files to protected releases (QGIS-free).

This is the only room besides ``sources/`` that reads raw registrations. The map
side (``workspace/``, ``layers/``, ``layouts/``, ``dialogs/``) never imports it.
"""
