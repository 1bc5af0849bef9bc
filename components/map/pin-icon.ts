import L from 'leaflet';

/** A pin drawn in SVG: no image files to serve, and it keeps its colour in forced-colours mode. */
export function pinIcon(): L.DivIcon {
  return L.divIcon({
    className: 'map-pin',
    html: '<svg width="30" height="42" viewBox="0 0 30 42" aria-hidden="true" focusable="false"><path d="M15 1C7.3 1 1 7.2 1 14.9 1 25.3 15 41 15 41s14-15.7 14-26.1C29 7.2 22.7 1 15 1z" fill="#b45309" stroke="#ffffff" stroke-width="2"/><circle cx="15" cy="15" r="5" fill="#ffffff"/></svg>',
    iconSize: [30, 42],
    iconAnchor: [15, 41],
  });
}

/** Leaflet's own English titles, in Portuguese. */
export const ZOOM_TITLES = { zoomInTitle: 'Aproximar', zoomOutTitle: 'Afastar' };

export function tileLayer(tilesUrl: string, attribution: string): L.TileLayer {
  return L.tileLayer(tilesUrl, { attribution, maxZoom: 19, crossOrigin: false });
}
