import express, { type Response, type Router } from 'express';
import { FHIR_PATH } from '../../server/config';
import { PAGES_CSS, STYLESHEET_PATH } from '../pages/layout';
import type { SmartServices } from '../smart-services';
import { OAUTH_PATH } from './endpoints';
import { openidConfiguration } from './openid-configuration';
import { smartConfiguration } from './smart-configuration';

/** SMART App Launch 2.2 §smart_style_url: styling hints an app may apply to match the EHR. */
const STYLE = {
  color_background: '#eef2f7',
  color_error: '#9b1c1c',
  color_highlight: '#1f5fbf',
  color_modal_backdrop: '',
  color_success: '#1a7f37',
  color_text: '#1d2433',
  dim_border_radius: '8px',
  dim_font_size: '16px',
  dim_spacing_size: '16px',
  font_family_body: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  font_family_heading: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
};

/** The public, anonymous documents: discovery, the JWKS, the style document and the pages' stylesheet. */
export function discoveryRoutes(services: SmartServices): Router {
  const router = express.Router();
  const smart = smartConfiguration(services.endpoints);
  const openid = openidConfiguration(services.endpoints);
  const cacheable = (res: Response, seconds: number) => res.setHeader('Cache-Control', `public, max-age=${seconds}`);
  router.get(`${FHIR_PATH}/.well-known/smart-configuration`, (_req, res) => {
    cacheable(res, 300);
    res.json(smart);
  });
  router.get('/.well-known/smart-configuration', (_req, res) => {
    cacheable(res, 300);
    res.json(smart);
  });
  router.get('/.well-known/openid-configuration', (_req, res) => {
    cacheable(res, 300);
    res.json(openid);
  });
  router.get(`${OAUTH_PATH}/jwks`, (_req, res) => {
    cacheable(res, 300);
    res.type('application/jwk-set+json').send(JSON.stringify(services.keys.jwks()));
  });
  router.get(`${OAUTH_PATH}/style.json`, (_req, res) => {
    cacheable(res, 3600);
    res.json(STYLE);
  });
  router.get(STYLESHEET_PATH, (_req, res) => {
    cacheable(res, 3600);
    res.type('text/css').send(PAGES_CSS);
  });
  return router;
}
