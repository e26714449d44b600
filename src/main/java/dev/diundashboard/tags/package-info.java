/** Tags group image updates; an update carries at most one. CRUD for tags and their counts; assigning a tag to an update lives in updates. */
package dev.diundashboard.tags;
