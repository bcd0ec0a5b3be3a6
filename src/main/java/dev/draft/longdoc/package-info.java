/** Long inputs: token estimates and context windows (chunked pipelines come later). */
package dev.draft.longdoc;
