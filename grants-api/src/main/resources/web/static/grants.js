// Marks the page as having JavaScript before it is drawn (the GOV.UK page template's inline script, moved to a
// file because the Content-Security-Policy allows no inline script).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
