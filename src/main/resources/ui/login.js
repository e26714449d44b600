'use strict';
// Shows why the last login was refused: the server redirects to /login?failed (wrong user name or
// password) or /login?denied (DASHBOARD_AUTH=realm: the account lacks the role dashboard).
const query = new URLSearchParams(location.search);
document.getElementById('failed').hidden = !query.has('failed');
document.getElementById('denied').hidden = !query.has('denied');
