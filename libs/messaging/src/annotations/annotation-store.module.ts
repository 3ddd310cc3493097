import { Module } from '@nestjs/common';
import { AnnotationRepository } from './annotation.repository';
import { MessageAnnotator } from './message-annotator';

/** Reactions and pins as stored, and the message views that carry them: messages render with them, so this part sits below messages (the commands are in AnnotationsModule). */
@Module({
  providers: [AnnotationRepository, MessageAnnotator],
  exports: [AnnotationRepository, MessageAnnotator],
})
export class AnnotationStoreModule {}
