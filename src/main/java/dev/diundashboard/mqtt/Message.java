package dev.diundashboard.mqtt;

/** A retained message to publish; an empty payload removes what the broker kept under the topic. */
record Message(String topic, String payload) {

    boolean removal() {
        return payload.isEmpty();
    }
}
