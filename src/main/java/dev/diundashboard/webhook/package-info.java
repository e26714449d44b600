/** Receives Diun's notifications at /webhook and hands them, validated, to the updates store. Not the API for people: that is in updates and tags. */
package dev.diundashboard.webhook;
