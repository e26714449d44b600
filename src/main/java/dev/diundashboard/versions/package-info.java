/**
 * What an image reference and its tag mean, in plain Java with no dependency on the rest of the
 * application: registry and repository, tags as versions that order by number, the size of an update
 * (major, minor, patch, digest) and a release-notes link worked out without any network call. The
 * rules are deliberately simple and documented on each class, so that a surprising result can be
 * explained.
 */
package dev.diundashboard.versions;
