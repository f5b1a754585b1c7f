package io.robustlab.attack.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gallery of adversarial examples stored with each evaluation.
 *
 * @param samplesPerAttack how many fooled samples to draw per attack; 0 stores no gallery
 */
@ConfigurationProperties(prefix = "robustlab.gallery")
record GalleryProperties(@DefaultValue("4") int samplesPerAttack) {

    GalleryProperties {
        if (samplesPerAttack < 0) {
            throw new IllegalArgumentException("robustlab.gallery.samples-per-attack must be 0 or more, not "
                    + samplesPerAttack);
        }
    }
}
