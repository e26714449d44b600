/**
 * Home Assistant over MQTT: with {@code MQTT_URL} set, every pending update appears in Home Assistant
 * as an {@code update} entity through MQTT discovery, and disappears when it stops being pending.
 * Depends on {@code updates} (what is pending), {@code live} (when something changed), {@code storage}
 * and {@code platform}; nothing depends on it.
 */
package dev.diundashboard.mqtt;
