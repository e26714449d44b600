'use strict';
// Shows the failure message after a refused login (the server redirects to /login?failed).
document.getElementById('failed').hidden = !new URLSearchParams(location.search).has('failed');
