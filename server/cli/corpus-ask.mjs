#!/usr/bin/env node
// The `corpus-ask` bin (`npx corpus-ask "问题"`): the compiled ask CLI, built first if needed.
import { launch } from '../build/launch.mjs';

await launch('ask');
